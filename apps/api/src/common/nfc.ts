import { Transform } from 'class-transformer';

/** Deep NFC normalisation of every string in a value (Vietnamese text arrives in NFD from some keyboards). */
export function deepNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(deepNfc) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), deepNfc(v)])) as T;
  }
  return value;
}

/** Property decorator: trims nothing, normalises to NFC (strings, arrays and nested plain objects). */
export const Nfc = () => Transform(({ value }) => deepNfc(value));
