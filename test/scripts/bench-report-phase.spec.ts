// The bench's report after the draft (scripts/bench/report-phase*.js): its pure parts.
type Step = { ms?: number; cpuMs?: number; bytes?: number; status: number | string; error?: string; samples?: number };
type Result = {
  n: number;
  report?: {
    steps?: Record<string, Step>;
    error?: string;
    prerequisites?: Record<string, Step>;
    deliveries?: number;
    stream?: { events: number; bytes: number; stored: number };
    seconds?: number;
  };
};
type Growth = { a?: Step; b?: Step; time: number; bytes: number; msPerK: number; bytesPerK: number };
const { stepCell, flatVerdict, growthVerdict, growthOf, reportPhaseTable, reportPhaseGoals, STEPS } =
  require('../../scripts/bench/report-phase-table') as {
    stepCell: (r: Result, key: string) => string;
    flatVerdict: (g: Growth | null, report?: Growth | null) => string;
    growthVerdict: (g: Growth | null) => string;
    growthOf: (s: Result, l: Result, key: string) => Growth | null;
    reportPhaseTable: (results: Result[]) => string[];
    reportPhaseGoals: (results: Result[]) => string[][];
    STEPS: [string, string, boolean][];
  };
const { citedPassage } = require('../../scripts/bench/report-phase') as { citedPassage: (doc: unknown) => string | null };

const step = (ms: number, bytes: number): Step => ({ ms, bytes, status: 200 });
const everyStep = (ms: number, bytes: number) => Object.fromEntries(STEPS.map(([key]) => [key, step(ms, bytes)]));

describe('the report phase’s cells', () => {
  it('shows time and answer bytes, or why the step failed (escaped for a Markdown table)', () => {
    const r: Result = {
      n: 200,
      report: {
        steps: { getReport: step(12.34, 45678), sign: { status: 409, error: 'REPORT_COMMENTS_OPEN: 1 comment | open', ms: 5, bytes: 80 } },
      },
    };
    expect(stepCell(r, 'getReport')).toBe('12.3 ms, 45,678 B');
    expect(stepCell({ n: 200, report: { steps: { getReport: { ...step(12.34, 45678), cpuMs: 9.6 } } } }, 'getReport')).toBe(
      '12.3 ms (CPU 10), 45,678 B',
    );
    expect(stepCell(r, 'sign')).toBe('failed: HTTP 409 REPORT_COMMENTS_OPEN: 1 comment \\| open');
    expect(stepCell(r, 'number')).toBe('—');
    expect(stepCell({ n: 200, report: { error: 'POST /users: 500' } }, 'comment')).toBe('failed: POST /users: 500');
    expect(stepCell({ n: 200 }, 'comment')).toBe('—');
    expect(stepCell({ n: 200, report: { steps: { acknowledge: { status: 'none', error: 'no bench unit' } } } }, 'acknowledge')).toBe(
      'failed: none no bench unit',
    );
  });
});

describe('the verdicts', () => {
  const S: Result = { n: 200, report: { steps: { comment: step(10, 1000), getReport: step(20, 100_000), checks: step(30, 5000) } } };
  const L: Result = { n: 2200, report: { steps: { comment: step(12, 1200), getReport: step(220, 1_100_000), checks: step(300, 5100) } } };

  it('takes an answer without a body (a receipt answered 204) at both sizes as one that did not grow', () => {
    const minimal = (ms: number): Step => ({ ms, bytes: 0, status: 204 });
    const at = (n: number, ms: number): Result => ({ n, report: { steps: { acknowledge: minimal(ms) } } });
    expect(growthOf(at(200, 10), at(20_000, 11), 'acknowledge')).toMatchObject({ time: 1.1, bytes: 1 });
    expect(stepCell(at(200, 12.34), 'acknowledge')).toBe('12.3 ms, 0 B');
  });

  it('measures the growth from the smallest to the largest size, per 1,000 units', () => {
    expect(growthOf(S, L, 'getReport')).toMatchObject({ time: 11, bytes: 11, msPerK: 100, bytesPerK: 500_000 });
    expect(growthOf(S, { n: 2200, report: { steps: { getReport: { status: 503, error: 'x' } } } }, 'getReport')).toBeNull();
  });

  it('judges a step that needs no document on both its time and its answer', () => {
    expect(flatVerdict(growthOf(S, L, 'comment'))).toBe('met');
    expect(flatVerdict({ time: 1.5, bytes: 1, msPerK: 1, bytesPerK: 0 })).toBe('missed: time 1.50×');
    expect(flatVerdict({ time: 1, bytes: 10, msPerK: 0, bytesPerK: 4500 })).toBe('missed: answer 10.00× (+4,500 B per 1,000 units)');
    expect(flatVerdict(null)).toBe('not judged: a size failed');
    // The time grew but not the API's CPU per request (within a 10 ms tick over 5 samples): said beside the verdict.
    const a = { ...step(7.5, 566), cpuMs: 4, samples: 5 };
    expect(
      flatVerdict({ a, b: { ...step(30.7, 566), cpuMs: 2, samples: 5 }, time: 4.09, bytes: 1, msPerK: 13, bytesPerK: 0 } as Growth),
    ).toBe("missed: time 4.09× (the API's CPU per request 4 → 2 ms is flat: the time's growth is likely the shared machine's load)");
    expect(
      flatVerdict({ a, b: { ...step(30.7, 566), cpuMs: 20, samples: 1 }, time: 4.09, bytes: 1, msPerK: 13, bytesPerK: 0 } as Growth),
    ).toBe('missed: time 4.09×');
    // Nor when the answer grew too.
    expect(
      flatVerdict({ a, b: { ...step(30.7, 5660), cpuMs: 2, samples: 5 }, time: 4.09, bytes: 10, msPerK: 13, bytesPerK: 2800 } as Growth),
    ).toBe('missed: time 4.09×, answer 10.00× (+2,800 B per 1,000 units)');
    expect(flatVerdict({ time: 1, bytes: 2, msPerK: 0, bytesPerK: 900 }, { time: 2, bytes: 2, msPerK: 5, bytesPerK: 880 })).toBe(
      "missed: answer 2.00× (+900 B per 1,000 units; GET …/report's answer +880 B)",
    );
  });

  it('tells a step that grows with its answer (the document) from one that only takes longer', () => {
    expect(growthVerdict(growthOf(S, L, 'getReport'))).toBe('grows with the document: +100.0 ms and +500,000 B of answer per 1,000 units');
    expect(growthVerdict(growthOf(S, L, 'checks'))).toBe(
      'grows, its answer does not (time 10.00×, answer 1.02×): it reads or computes more than it answers; +135.0 ms and +50 B of answer per 1,000 units',
    );
    expect(growthVerdict({ time: 1.1, bytes: 1.2, msPerK: 0.1, bytesPerK: 2 })).toBe('flat (time 1.10×, bytes 1.20×)');
  });
});

describe('the section and the goal rows', () => {
  const results: Result[] = [
    {
      n: 200,
      report: { steps: everyStep(10, 1000), deliveries: 200, stream: { events: 210, bytes: 400_000, stored: 90_000 }, seconds: 1.23 },
    },
    {
      n: 2000,
      report: {
        steps: { ...everyStep(11, 1100), distribute: step(80, 300_000) },
        prerequisites: { 'advance to signing': { status: 409, error: 'CYCLE_PHASE_NOT_NEXT' } },
        deliveries: 2000,
        stream: { events: 2010, bytes: 4_000_000, stored: 900_000 },
      },
    },
  ];

  it('lists every step by size, the deliveries, the stream, and the failed steps in between', () => {
    const text = reportPhaseTable(results).join('\n');
    expect(text).toContain('## Report after the draft');
    expect(text).toContain('| POST …/report/distribute: once | 10.0 ms, 1,000 B | 80.0 ms, 300,000 B |');
    expect(text).toContain('| deliveries made by the distribution (units of Nơi nhận) | 200 | 2,000 |');
    expect(text).toContain(
      '| the report stream by then: events; JSON bytes (stored, compressed) | 210; 400,000 B (90,000 B) | 2,010; 4,000,000 B (900,000 B) |',
    );
    expect(text).toContain('at 2,000 units, advance to signing: failed: HTTP 409 CYCLE_PHASE_NOT_NEXT');
    expect(text).toContain("| the whole phase above (the accounts' logins and the phase changes included): s | 1.2 | — |");
    expect(text.split('\n').filter((l) => l.startsWith('| GET') || l.startsWith('| POST'))).toHaveLength(STEPS.length);
  });

  it('judges the steps without the document and states the growth of the others', () => {
    const rows = reportPhaseGoals(results);
    const row = (start: string) => rows.find((r) => r[0].startsWith(start))!;
    expect(row('POST …/report/distribute')).toEqual([
      'POST …/report/distribute O(1) in N (time and answer within 1.3× of 200)',
      '10.0 ms, 1,000 B / 80.0 ms, 300,000 B (time 8.00×, bytes 300.00×)',
      "missed: time 8.00×, answer 300.00× (+166,111 B per 1,000 units; GET …/report's answer +56 B)",
    ]);
    expect(row('POST …/report/comments (')[2]).toBe('met');
    expect(row('GET …/report (reviewer)')[0]).toBe('GET …/report (reviewer): shows or checks the whole document');
    expect(row('GET …/report (reviewer)')[2]).toBe('flat (time 1.10×, bytes 1.10×)');
    expect(row('The report stream')[1]).toBe('400,000 B (2,000 B per unit) / 4,000,000 B (2,000 B per unit)');
    expect(rows).toHaveLength(STEPS.length + 1);
  });

  it('judges nothing with one size', () => {
    expect(
      reportPhaseGoals([results[0]]).every((r) => r[2].startsWith('not judged') || r[2].startsWith('grows with the document (stated')),
    ).toBe(true);
    expect(reportPhaseGoals([{ n: 200 }])).toEqual([]);
  });
});

describe('the cited paragraph', () => {
  it('is the first paragraph whose runs cite an indicator, numbered as the report’s passages', () => {
    const doc = {
      body: [
        { heading: 'I', paragraphs: [{ runs: [{ text: 'Mở đầu' }] }] },
        {
          heading: 'II',
          paragraphs: [],
          sections: [
            {
              paragraphs: [
                { runs: [{ text: 'a' }] },
                { runs: [{ text: 'b' }, { text: '455 buổi', provenance: { indicators: [{ code: 'TT_BUOI' }] } }] },
              ],
            },
          ],
        },
      ],
    };
    expect(citedPassage(doc)).toBe('s2.1/p2');
    expect(citedPassage({ body: [{ paragraphs: [{ runs: [{ text: 'x', provenance: { indicators: [] } }] }] }] })).toBeNull();
    expect(citedPassage(undefined)).toBeNull();
  });
});
