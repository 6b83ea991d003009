import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/iso-date';

export type UnitRegistered = DomainEvent<
  'UnitRegistered',
  {
    unitId: string;
    parentId: string | null;
    level: string;
    kind: string;
    canonicalName: string;
    shortName?: string;
    aliases: string[];
    activeFrom: IsoDate;
  }
>;

export type UnitRenamed = DomainEvent<'UnitRenamed', { unitId: string; previousName: string; newName: string }>;

export type UnitAliasAdded = DomainEvent<'UnitAliasAdded', { unitId: string; alias: string }>;

export type UnitMoved = DomainEvent<'UnitMoved', { unitId: string; fromParentId: string | null; toParentId: string | null }>;

export type UnitClosed = DomainEvent<'UnitClosed', { unitId: string; activeTo: IsoDate; reason: string; mergedInto?: string }>;

export type OrgUnitEvent = UnitRegistered | UnitRenamed | UnitAliasAdded | UnitMoved | UnitClosed;
