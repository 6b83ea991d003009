import type { DomainCommand } from '../shared/decider';
import type { IsoDate } from '../shared/iso-date';

export type RegisterUnit = DomainCommand<
  'RegisterUnit',
  {
    unitId: string;
    parentId: string | null;
    level: string;
    kind: string;
    canonicalName: string;
    shortName?: string;
    aliases?: string[];
    activeFrom: IsoDate;
  }
>;

/** The former canonical name becomes an alias. */
export type RenameUnit = DomainCommand<'RenameUnit', { newName: string }>;

export type AddAlias = DomainCommand<'AddAlias', { alias: string }>;

export type MoveUnit = DomainCommand<'MoveUnit', { newParentId: string | null }>;

export type CloseUnit = DomainCommand<
  'CloseUnit',
  {
    /** Last day the unit exists (inclusive). */
    activeTo: IsoDate;
    reason: string;
    /** The unit it was merged into, if any (e.g. the 2025 reform merging communes). */
    mergedInto?: string;
  }
>;

export type OrgUnitCommand = RegisterUnit | RenameUnit | AddAlias | MoveUnit | CloseUnit;
