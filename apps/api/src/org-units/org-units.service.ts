import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { DataSource } from 'typeorm';
import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { fromRow } from '@kybaocao/persistence/projections/org-units/org-units.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { Actor, metadataOf } from '../common/actor';
import { CloseUnitDto, OrgUnitDto, OrgUnitImportResultDto, RegisterUnitDto } from './org-units.dto';
import { planImport, readImportFile } from './org-units-import';
import { decodeCursor, encodeCursor } from '../common/cursor';

const isUnitCursor = (k: any): k is { level: string; name: string; id: string } =>
  typeof k?.level === 'string' && typeof k?.name === 'string' && typeof k?.id === 'string';

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
  ) {}

  /**
   * Registers every unit of a CSV or XLSX file at once, or none: each row checked as a single registration
   * would be, then all UnitRegistered events appended in one transaction (one stream each). Units already
   * registered with the same details are skipped, so importing the same file twice registers nothing twice.
   */
  async importUnits(body: Buffer, contentType: string, actor: Actor): Promise<OrgUnitImportResultDto> {
    const rows = await readImportFile(body, contentType);
    await this.projector.catchUpToNow(30_000, ['org-units']);
    // Only the registry rows the file names (its units and their parents).
    const named = [...new Set(rows.flatMap((r) => [r.cells.id, r.cells.parentId]).filter((id): id is string => !!id))];
    const rowsOfRegistry: any[] = await this.db.query(`SELECT * FROM org_units WHERE id = ANY($1::text[])`, [named]);
    const registry = new Map(rowsOfRegistry.map((r) => [r.id as string, fromRow(r)] as const));
    const { events, skipped } = planImport(rows, registry);
    await this.store.startStreams(
      events.map((e) => ({ streamId: `orgunit-${e.data.unitId}`, event: { eventId: randomUUID(), type: e.type, data: e.data } })),
      { metadata: metadataOf(actor), now: new Date() },
    );
    return { rows: rows.length, registered: events.length, skipped };
  }

  async register(dto: RegisterUnitDto, actor: Actor): Promise<OrgUnitDto> {
    const { state } = await this.commands.handle(
      orgUnitDecider,
      `orgunit-${dto.id}`,
      {
        type: 'RegisterUnit',
        data: {
          unitId: dto.id,
          parentId: dto.parentId ?? null,
          level: dto.level,
          kind: dto.kind,
          canonicalName: dto.canonicalName,
          ...(dto.shortName ? { shortName: dto.shortName } : {}),
          aliases: dto.aliases ?? [],
          activeFrom: dto.activeFrom,
        },
      },
      { metadata: metadataOf(actor, dto.id), now: new Date() },
    );
    return (state as { unit: OrgUnitDto }).unit;
  }

  /** The unit stops existing after `activeTo` (kept in the registry: earlier cycles still name it). */
  async close(unitId: string, dto: CloseUnitDto, actor: Actor): Promise<OrgUnitDto> {
    const { state } = await this.commands.handle(
      orgUnitDecider,
      `orgunit-${unitId}`,
      {
        type: 'CloseUnit',
        data: { activeTo: dto.activeTo, reason: dto.reason, ...(dto.mergedInto ? { mergedInto: dto.mergedInto } : {}) },
      },
      { metadata: metadataOf(actor, unitId), now: new Date() },
    );
    return (state as { unit: OrgUnitDto }).unit;
  }

  /** One page of the registry (or of the units under `parentId`), by level, name and id. */
  async list(parentId: string | undefined, limit: number, cursor?: string): Promise<{ items: OrgUnitDto[]; nextCursor: string | null }> {
    const after = decodeCursor(cursor, isUnitCursor);
    await this.projector.catchUpToNow(undefined, ['org-units']);
    const rows = await this.db.query(
      `SELECT * FROM org_units WHERE ($1::text IS NULL OR parent_id = $1)
          AND ($2::text IS NULL OR (level, canonical_name, id) > ($2::text, $3::text, $4::text))
        ORDER BY level, canonical_name, id LIMIT $5`,
      [parentId ?? null, after?.level ?? null, after?.name ?? null, after?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(fromRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ level: last.level, name: last.canonical_name, id: last.id }) : null };
  }
}
