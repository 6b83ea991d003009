import { compareIsoDates, type IsoDate } from '../shared/iso-date';
import { caseFoldKey, diacriticFoldKey } from '../shared/text';
import type { OrgUnit } from './org-unit';

/** True when the unit exists on at least one day of [from, to] (both inclusive). */
export function isActiveDuring(unit: Pick<OrgUnit, 'activeFrom' | 'activeTo'>, from: IsoDate, to: IsoDate): boolean {
  if (compareIsoDates(unit.activeFrom, to) > 0) return false;
  return unit.activeTo === undefined || compareIsoDates(unit.activeTo, from) >= 0;
}

export type NameMatchField = 'canonicalName' | 'shortName' | 'alias';

export interface UnitNameMatch {
  unit: OrgUnit;
  /** Which name matched; the canonical name wins over the short name, which wins over an alias. */
  matchedOn: NameMatchField;
  /** The unit's own spelling that matched. */
  matchedName: string;
  /** 'exact': equal ignoring case and whitespace (after NFC); 'diacritics_ignored': equal only without marks. */
  strategy: 'exact' | 'diacritics_ignored';
}

/**
 * Finds the units a typed or imported name can mean. First pass: canonical name, short name or alias equal
 * ignoring case (after NFC). Only when that finds nothing: the same ignoring diacritics too, which can
 * return several candidates for the caller to choose from ('Bản Hon' and 'Bản Hòn' are then the same).
 */
export function matchUnitByName(units: readonly OrgUnit[], name: string): UnitNameMatch[] {
  const exact = matchWith(units, name, caseFoldKey, 'exact');
  return exact.length > 0 ? exact : matchWith(units, name, diacriticFoldKey, 'diacritics_ignored');
}

function matchWith(
  units: readonly OrgUnit[],
  name: string,
  key: (s: string) => string,
  strategy: UnitNameMatch['strategy'],
): UnitNameMatch[] {
  const wanted = key(name);
  if (wanted === '') return [];
  const matches: UnitNameMatch[] = [];
  for (const unit of units) {
    const names: [NameMatchField, string][] = [
      ['canonicalName', unit.canonicalName],
      ...(unit.shortName !== undefined ? [['shortName', unit.shortName] as [NameMatchField, string]] : []),
      ...unit.aliases.map((a): [NameMatchField, string] => ['alias', a]),
    ];
    const hit = names.find(([, n]) => key(n) === wanted);
    if (hit) matches.push({ unit, matchedOn: hit[0], matchedName: hit[1], strategy });
  }
  return matches;
}

/** Direct children, in the order given. */
export function childrenOf(units: readonly OrgUnit[], id: string): OrgUnit[] {
  return units.filter((u) => u.parentId === id && u.id !== id);
}

/** All units below `id` at any depth, breadth-first (children, then grandchildren …), without `id` itself. */
export function descendantsOf(units: readonly OrgUnit[], id: string): OrgUnit[] {
  const byParent = new Map<string, OrgUnit[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const siblings = byParent.get(unit.parentId) ?? [];
    siblings.push(unit);
    byParent.set(unit.parentId, siblings);
  }
  const seen = new Set<string>([id]);
  const result: OrgUnit[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const child of byParent.get(current) ?? []) {
      if (seen.has(child.id)) continue; // corrupt data with a loop must not hang the caller
      seen.add(child.id);
      result.push(child);
      queue.push(child.id);
    }
  }
  return result;
}

/** The chain above `id`: parent first, root last. Stops at a parent missing from `units`. */
export function ancestorsOf(units: readonly OrgUnit[], id: string): OrgUnit[] {
  const byId = new Map(units.map((u) => [u.id, u] as const));
  const seen = new Set<string>([id]);
  const result: OrgUnit[] = [];
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    seen.add(parent.id);
    result.push(parent);
    parentId = parent.parentId;
  }
  return result;
}

/** True when putting `unitId` under `newParentId` would make a unit its own ancestor (check before MoveUnit). */
export function wouldCreateCycle(units: readonly OrgUnit[], unitId: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  if (newParentId === unitId) return true;
  return descendantsOf(units, unitId).some((u) => u.id === newParentId);
}
