import type { IsoDate } from '../shared/iso-date';

/** An organisation unit as the registry knows it (the state of a unit stream, and the read model's row). */
export interface OrgUnit {
  id: string;
  parentId: string | null;
  /** Administrative level as data ('tinh', 'huyen', 'xa', 'thon' …): never an enum, levels change. */
  level: string;
  /** Kind code from the open catalogue UNIT_KINDS, or any other non-blank code. */
  kind: string;
  canonicalName: string;
  shortName?: string;
  /** Spelling variants and former names ('Đăk Glei' for 'Đắk Glei', 'Bản Hon' for 'Bản Hòn'). */
  aliases: string[];
  /** First day the unit exists. */
  activeFrom: IsoDate;
  /** Last day the unit exists (inclusive); absent while it exists. */
  activeTo?: IsoDate;
}
