import { listVisits } from '../../../../test/support/list-visits';
import { mulberry32 } from '../shared/seeded-random';
import { foldEvents } from '../shared/decider';
import { evolveReport, evolveReportAll, reportDecider } from './report.decider';
import type { ReportEvent, ReportState, ReportUser } from './report.model';

/**
 * A report's deliveries and receipts fold in one pass over the deliveries (evolveReportAll): the same state as
 * evolveReport event by event, without copying the whole list for each of a distribution's one event per unit.
 */

const by: ReportUser = { userId: 'u-van-thu', name: 'Văn thư' };
const at = (k: number) => new Date(Date.UTC(2026, 11, 1, 8, 0, k)).toISOString();

function distributedState(units: readonly string[]): ReportState {
  return {
    status: 'distributed',
    versions: [],
    comments: [],
    distribution: {
      at: at(0),
      by,
      deliveries: units.map((unitId, k) => ({
        unitId,
        line: k % 2 ? 'Các đơn vị trực thuộc' : 'MTTQ và các đoàn thể',
        deliveredAt: at(0),
      })),
    },
  };
}

const delivered = (unitId: string, k: number): ReportEvent => ({
  type: 'ReportDelivered',
  data: { cycleId: 'c1', unitId, channel: 'in-app', at: at(k) },
});
const acknowledged = (unitId: string, k: number): ReportEvent => ({
  type: 'ReportReceiptAcknowledged',
  data: { cycleId: 'c1', unitId, at: at(k), by: { userId: `cb-${unitId}`, name: `Cán bộ ${unitId}` } },
});

describe('evolveReportAll', () => {
  it('gives the state evolveReport gives event by event, on random runs of deliveries, receipts and other events', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      const units = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, k) => `u${k}`);
      // Some units twice (a unit named by two lines), some events for units the report was not sent to.
      if (random() < 0.3) units.push(pick(units));
      const named = [...units, 'not-a-recipient'];
      const from = random() < 0.15 ? { status: 'numbered' as const, versions: [], comments: [] } : distributedState(units);
      const events: ReportEvent[] = Array.from({ length: Math.floor(random() * 30) }, (_, k): ReportEvent => {
        const r = random();
        if (r < 0.45) return delivered(pick(named), k);
        if (r < 0.9) return acknowledged(pick(named), k);
        if (r < 0.95) return { type: 'ReportRecalled', data: { cycleId: 'c1', reason: 'Sai số liệu', at: at(k), by } };
        return {
          type: 'ReportCommentAdded',
          data: { cycleId: 'c1', commentId: `c-${k}`, version: 1, anchor: { passageId: 's1/p1' }, text: 'Xem lại', at: at(k), by },
        };
      });
      expect({ seed, state: evolveReportAll(from, events) }).toStrictEqual({ seed, state: events.reduce(evolveReport, from) });
    }
  });

  it('is what the report decider folds with', () => {
    const from = distributedState(['a', 'b']);
    const events = [delivered('a', 1), acknowledged('b', 2)];
    expect(foldEvents(reportDecider, events, from)).toStrictEqual(events.reduce(evolveReport, from));
  });

  it("visits each delivery a fixed number of times, not once per unit's event (2,000 units, each delivered and acknowledged)", () => {
    const units = Array.from({ length: 2000 }, (_, k) => `u${k}`);
    const from = distributedState(units);
    const events = [...units.map((u, k) => delivered(u, k)), ...units.map((u, k) => acknowledged(u, k))];
    // The array entries the fold walks with the list methods (evolveReport walks every delivery for each event).
    const { result: state, visited } = listVisits(() => foldEvents(reportDecider, events, from));
    expect(state.distribution!.deliveries.every((d) => d.acknowledgedBy?.userId === `cb-${d.unitId}`)).toBe(true);
    expect(visited).toBeLessThanOrEqual(4 * units.length + events.length);
  });
});
