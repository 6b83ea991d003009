import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { unitKindLabel } from '@kybaocao/domain/org-units/unit-kinds';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { levelLabel } from '../board/board.service';
import { Actor, metadataOf } from '../common/actor';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { AccountRowDto, AccountsPageDto, AccountsQueryDto, OrgChildrenPageDto, OrgChildrenQueryDto, OrgNodeDto } from './admin.dto';

interface NameKey {
  n: string;
  i: string;
}
const isNameKey = (k: any): k is NameKey => typeof k?.n === 'string' && typeof k?.i === 'string';
const like = (q: string | undefined) => (q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);
const iso = (v: Date | string | null): string | null => (v ? new Date(v).toISOString() : null);

/** The administrator's pages: accounts and the organisation tree, one page at a time. */
@Injectable()
export class AdminUseCases {
  constructor(
    private readonly db: DataSource,
    private readonly projector: Projector,
    private readonly commands: CommandHandler,
  ) {}

  /** Accounts by username, optionally searched by name or username; unit names joined for the page only. */
  async accounts(query: AccountsQueryDto, now = new Date()): Promise<AccountsPageDto> {
    const after = decodeCursor(query.cursor, isNameKey);
    const limit = query.limit ?? 50;
    const q = like(query.q);
    const filter = `($1::text IS NULL OR u.username ILIKE $1 OR u.display_name ILIKE $1)`;
    const rows: any[] = await this.db.query(
      `SELECT u.*, o.canonical_name AS office_name,
              ARRAY(SELECT coalesce(ou.canonical_name, '') FROM unnest(u.unit_ids) WITH ORDINALITY AS x(id, n)
                      LEFT JOIN org_units ou ON ou.id = x.id ORDER BY x.n) AS unit_names
         FROM users u LEFT JOIN org_units o ON o.id = u.office_unit_id
        WHERE ${filter} AND ($2::text IS NULL OR u.username > $2)
        ORDER BY u.username LIMIT $3`,
      [q, after?.n ?? null, limit + 1],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM users u WHERE ${filter}`, [q]);
    const page = rows.slice(0, limit);
    const items = page.map(
      (r): AccountRowDto => ({
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        email: r.email,
        roles: r.roles,
        unitIds: r.unit_ids,
        unitNames: r.unit_names,
        officeUnitId: r.office_unit_id,
        officeUnitName: r.office_name ?? null,
        locked: !!r.locked_until && new Date(r.locked_until) > now,
        lockedUntil: iso(r.locked_until),
        disabledAt: iso(r.disabled_at ?? null),
        mustChangePassword: r.must_change_password === true,
        version: Number(r.version ?? 1),
      }),
    );
    const last = page[page.length - 1];
    return { items, total, nextCursor: rows.length > limit && last ? encodeCursor({ n: last.username, i: last.id }) : null };
  }

  /** The units directly under `parentId` (the top of the tree without it), by name, with how many are under each. */
  async children(query: OrgChildrenQueryDto): Promise<OrgChildrenPageDto> {
    const after = decodeCursor(query.cursor, isNameKey);
    const limit = query.limit ?? 50;
    await this.projector.catchUpToNow(undefined, ['org-units']);
    const parent = query.parentId ?? null;
    const filter = `(($1::text IS NULL AND ou.parent_id IS NULL) OR ou.parent_id = $1)`;
    const rows: any[] = await this.db.query(
      `SELECT ou.*, (SELECT count(*)::int FROM org_units c WHERE c.parent_id = ou.id) AS child_count, closed.data AS closure, m.canonical_name AS merged_name
         FROM org_units ou
         LEFT JOIN LATERAL (SELECT data FROM events WHERE ou.active_to IS NOT NULL AND stream_id = 'orgunit-' || ou.id AND event_type = 'UnitClosed'
                              ORDER BY version DESC LIMIT 1) closed ON true
         LEFT JOIN org_units m ON m.id = closed.data->>'mergedInto'
        WHERE ${filter} AND ($2::text IS NULL OR (ou.canonical_name, ou.id) > ($2, $3))
        ORDER BY ou.canonical_name, ou.id LIMIT $4`,
      [parent, after?.n ?? null, after?.i ?? null, limit + 1],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM org_units ou WHERE ${filter}`, [parent]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toNode),
      total,
      nextCursor: rows.length > limit && last ? encodeCursor({ n: last.canonical_name, i: last.id }) : null,
    };
  }

  /** Units whose name, short name or another name contains `q` (accents and case ignored), the first 20. */
  async search(q: string): Promise<OrgNodeDto[]> {
    await this.projector.catchUpToNow(undefined, ['org-units']);
    const rows: any[] = await this.db.query(
      `SELECT ou.*, 0 AS child_count FROM org_units ou
        WHERE ou.canonical_name ILIKE $1 OR coalesce(ou.short_name, '') ILIKE $1 OR EXISTS (SELECT 1 FROM unnest(ou.aliases) a WHERE a ILIKE $1)
        ORDER BY ou.canonical_name LIMIT 20`,
      [like(q)],
    );
    return rows.map(toNode);
  }

  /** Records another name of a unit (a spelling variant found in reports); the registry finds it by either. */
  async addAlias(unitId: string, alias: string, actor: Actor): Promise<OrgNodeDto> {
    await this.commands.handle(
      orgUnitDecider,
      `orgunit-${unitId}`,
      { type: 'AddAlias', data: { alias } },
      { metadata: metadataOf(actor, unitId), now: new Date() },
    );
    await this.projector.catchUpToNow(undefined, ['org-units']);
    const [row] = await this.db.query(
      `SELECT ou.*, (SELECT count(*)::int FROM org_units c WHERE c.parent_id = ou.id) AS child_count FROM org_units ou WHERE id = $1`,
      [unitId],
    );
    if (!row)
      throw new NotFoundException({
        statusCode: 404,
        error: 'UNIT_NOT_REGISTERED',
        message: `unit ${unitId} is not registered`,
        messageVi: 'Không tìm thấy đơn vị.',
      });
    return toNode(row);
  }
}

function toNode(r: any): OrgNodeDto {
  return {
    id: r.id,
    parentId: r.parent_id,
    canonicalName: r.canonical_name,
    shortName: r.short_name ?? null,
    aliases: r.aliases ?? [],
    kindLabel: unitKindLabel(r.kind),
    levelLabel: levelLabel(r.level),
    activeFrom: r.active_from,
    activeTo: r.active_to ?? null,
    closedReason: r.closure?.reason ?? null,
    mergedIntoName: r.merged_name ?? null,
    childCount: Number(r.child_count ?? 0),
    version: Number(r.version),
  };
}
