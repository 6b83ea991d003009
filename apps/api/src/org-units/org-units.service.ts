import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgUnitDecider } from '../../../../libs/domain/src/org-units';
import { CommandHandler } from '../../../../libs/persistence/src/event-store/command-handler';
import { fromRow } from '../../../../libs/persistence/src/projections/org-units/org-units.projection';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import { Actor, metadataOf } from '../common/actor';
import { CloseUnitDto, OrgUnitDto, RegisterUnitDto } from './org-units.dto';

@Injectable()
export class OrgUnitsService {
  constructor(private readonly commands: CommandHandler, private readonly projector: Projector, private readonly db: DataSource) {}

  async register(dto: RegisterUnitDto, actor: Actor): Promise<OrgUnitDto> {
    const { state } = await this.commands.handle(orgUnitDecider, `orgunit-${dto.id}`, {
      type: 'RegisterUnit',
      data: {
        unitId: dto.id, parentId: dto.parentId ?? null, level: dto.level, kind: dto.kind, canonicalName: dto.canonicalName,
        ...(dto.shortName ? { shortName: dto.shortName } : {}), aliases: dto.aliases ?? [], activeFrom: dto.activeFrom,
      },
    }, { metadata: metadataOf(actor, dto.id), now: new Date() });
    return (state as { unit: OrgUnitDto }).unit;
  }

  /** The unit stops existing after `activeTo` (kept in the registry: earlier cycles still name it). */
  async close(unitId: string, dto: CloseUnitDto, actor: Actor): Promise<OrgUnitDto> {
    const { state } = await this.commands.handle(orgUnitDecider, `orgunit-${unitId}`, {
      type: 'CloseUnit', data: { activeTo: dto.activeTo, reason: dto.reason, ...(dto.mergedInto ? { mergedInto: dto.mergedInto } : {}) },
    }, { metadata: metadataOf(actor, unitId), now: new Date() });
    return (state as { unit: OrgUnitDto }).unit;
  }

  async list(parentId?: string): Promise<OrgUnitDto[]> {
    await this.projector.catchUpToNow();
    const rows = await this.db.query(`SELECT * FROM org_units WHERE ($1::text IS NULL OR parent_id = $1) ORDER BY level, canonical_name`, [parentId ?? null]);
    return rows.map(fromRow);
  }
}
