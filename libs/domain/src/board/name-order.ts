/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the base letter): "Đảng ủy xã Bản Giang"
 * before "Hội Cựu chiến binh", which code-point order gets wrong (Đ is U+0110, after every ASCII letter).
 * The ICU collator is deterministic for a given ICU version; a caller that needs a fixed canonical order
 * (the registry's order of units, say) passes `unitOrder` to computeBoard instead.
 */
const VI_COLLATOR = new Intl.Collator('vi');

export type NameComparator = (a: string, b: string) => number;

export const vietnameseNameOrder: NameComparator = (a, b) => VI_COLLATOR.compare(a, b);
