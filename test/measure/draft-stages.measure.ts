/**
 * What the draft of a 40-indicator cycle costs, stage by stage, at 2,000 and 20,000 approved units, on a real
 * PostgreSQL: the read models seeded directly (org_units, submission_versions, submission_approvals, the cycle
 * stream), then each step DraftReport takes (fold the cycle, read the registry and the approvals, consolidate,
 * build the document, decide and append ReportDrafted, read the report back as the answer does, write the JSON).
 * Wall and CPU milliseconds per stage; not part of npm test (no assertions on time):
 *
 *   npx jest --selectProjects integration --testMatch '**\/test/measure/draft-stages.measure.ts' -i
 */
import { randomUUID } from 'node:crypto';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { draftReport, reportDecider } from '@kybaocao/domain/report';
import { fortyCycle } from '@kybaocao/domain/report/forty-indicators.fixture';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore, type EventMetadata } from '@kybaocao/persistence/event-store/event-store';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';
import { approvedSubmissionQueries } from '@kybaocao/persistence/projections/approved-submissions/approved-submissions.projection';
import { orgUnitQueries } from '@kybaocao/persistence/projections/org-units/org-units.projection';
import { createTestDatabase, type TestDatabase } from '../infra/db';

const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: 'c' };
const SIZES = (process.env.DRAFT_SIZES ?? '2000,20000').split(',').map(Number);

describe('draft stages (measure)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it.each(SIZES)(
    '%i approved units × 40 indicators',
    async (n) => {
      const f = fortyCycle(Math.ceil((n * 11) / 10));
      const cycleId = randomUUID();
      const store = new EventStore(db.app);
      const commands = new CommandHandler(store);
      const m = db.owner.manager;
      const units = [...f.units.values()];
      await m.query(
        `INSERT INTO org_units (id, parent_id, level, kind, canonical_name, short_name, active_from, version)
       SELECT * , '2020-01-01'::date, 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) ON CONFLICT (id) DO NOTHING`,
        [
          units.map((u) => u.id),
          units.map((u) => u.parentId),
          units.map((u) => u.level),
          units.map((u) => u.kind),
          units.map((u) => u.canonicalName),
          units.map((u) => u.shortName ?? null),
        ],
      );
      const subs = f.submissions.slice(0, n);
      for (let i = 0; i < subs.length; i += 2000) {
        const chunk = subs.slice(i, i + 2000);
        await m.query(
          `INSERT INTO submission_versions (cycle_id, unit_id, version, figures, narrative) SELECT $1, u, 1, fg::jsonb, '{}'::jsonb FROM unnest($2::text[], $3::text[]) AS x(u, fg)`,
          [cycleId, chunk.map((s) => s.unitId), chunk.map((s) => JSON.stringify(s.figures))],
        );
        await m.query(
          `INSERT INTO submission_approvals (cycle_id, unit_id, version, source_event_id, source_position, approved_at)
         SELECT $1, u, 1, gen_random_uuid(), p, now() FROM unnest($2::text[], $3::bigint[]) AS x(u, p)`,
          [cycleId, chunk.map((s) => s.unitId), chunk.map((s) => s.sourcePosition)],
        );
      }
      await commands.handle(
        cycleDecider,
        `cycle-${cycleId}`,
        {
          type: 'OpenCycle',
          data: {
            cycleId,
            templateId: f.template.id,
            templateVersion: 1,
            coordinatorId: 'cv',
            period: { kind: 'annual', year: 2026, label: 'năm 2026', dataFrom: '2025-12-15', dataTo: '2026-12-14' },
            issuingBody: { unitId: 'ISSUER', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
            milestones: {
              submissionDeadline: '2026-12-16',
              reviewDue: '2026-12-21',
              commentsDue: '2026-12-24',
              signOffDue: '2026-12-28',
              distributionDue: '2026-12-30',
            },
            units: f.cycle.assignedUnits.map((u) => ({ unitId: u.unitId })),
          },
        },
        { metadata: meta, now: new Date('2026-12-10T03:00:00Z') },
      );

      const stages: Record<string, { wallMs: number; cpuMs: number }> = {};
      const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
        const t = performance.now();
        const c = process.cpuUsage();
        const out = await work();
        const d = process.cpuUsage(c);
        stages[name] = { wallMs: Math.round(performance.now() - t), cpuMs: Math.round((d.user + d.system) / 1000) };
        return out;
      };
      const cycle = await stage('fold the cycle stream', async () => foldStream(cycleDecider, await store.readStream(`cycle-${cycleId}`)));
      const registry = await stage('registry (org_units by ids)', () =>
        orgUnitQueries.byIds(db.app.manager, [...f.cycle.assignedUnits.map((u) => u.unitId), 'ISSUER', 'TINH']),
      );
      const approved = await stage('approvals (approved-submissions read model)', () =>
        approvedSubmissionQueries.ofCycle(db.app.manager, cycleId),
      );
      const byId = new Map(registry.map((u) => [u.id, u]));
      const consolidation = await stage('consolidate', () =>
        consolidate({
          template: f.template,
          submissions: approved.map((a) => ({
            unitId: a.unitId,
            unitName: byId.get(a.unitId)!.shortName!,
            unitKind: byId.get(a.unitId)!.kind,
            figures: a.figures,
            sourceEventId: a.sourceEventId,
            sourcePosition: a.sourcePosition,
          })),
          unitOrder: f.cycle.assignedUnits.map((u) => u.unitId),
        }),
      );
      const document = await stage('build the document', () =>
        draftReport({
          cycle: { ...f.cycle, ...(cycle as object) } as typeof f.cycle,
          template: f.template,
          consolidation,
          narratives: [],
          units: byId,
          choices: {},
        }),
      );
      await stage('decide and append ReportDrafted', () =>
        commands.handle(
          reportDecider,
          `report-${cycleId}`,
          { type: 'DraftReport', data: { cycleId, document, at: '2026-12-12T00:00:00.000Z', by: { userId: 'cv', name: 'CV' } } },
          { metadata: meta, now: new Date() },
        ),
      );
      const back = await stage('read the report back (the answer)', () => store.readStream(`report-${cycleId}`));
      const json = await stage('answer JSON', () => JSON.stringify(back[0].data));
      console.log(
        JSON.stringify(
          { approvedUnits: approved.length, indicators: f.template.indicators.length, documentBytes: json.length, stages },
          null,
          1,
        ),
      );
      expect(approved).toHaveLength(n);
    },
    1_800_000,
  );
});
