// The bench's second reference (scripts/bench/bare-ingest*.js, ceiling.js): its pure parts.
const { ceiling } = require('../../scripts/bench/ceiling') as {
  ceiling: (r: { api: number; bare: number; raw: number }) => {
    bareShare: number;
    apiOfBare: number;
    target: number;
    verdict: string;
    targetVerdict: string;
  };
};
const { bareEventRow, insertSql, COLUMNS } = require('../../scripts/bench/bare-ingest-server') as {
  bareEventRow: (body: unknown, seq: number, pid?: number) => string[] | null;
  insertSql: (table: string) => string;
  COLUMNS: string[];
};

describe('the bare Node HTTP ingest ceiling', () => {
  it('says 30 % of raw is out of reach when even the bare server stays below it', () => {
    const c = ceiling({ api: 255, bare: 1500, raw: 7368 });
    expect(c.bareShare).toBeCloseTo(20.36, 1);
    expect(c.apiOfBare).toBeCloseTo(17, 0);
    expect(c.target).toBe(1000);
    expect(c.verdict).toBe(
      'even the bare Node HTTP + one INSERT reaches only 20.4 % of raw (1,500/s): 30 % is out of reach of one Node process on this machine; the API does 17.0 % of that ceiling',
    );
    expect(c.targetVerdict).toBe('the bare Node HTTP + one INSERT does 1,500/s, 1.5× of 1,000/s; the API does 17.0 % of it');
  });

  it('says 30 % is within reach when the bare server passes it, and takes 30 % of raw as the target below 1,000/s', () => {
    const c = ceiling({ api: 300, bare: 900, raw: 2000 });
    expect(c.target).toBe(600);
    expect(c.verdict).toMatch(/^the bare Node HTTP \+ one INSERT reaches 45\.0 % of raw \(900\/s\): 30 % is within reach/);
    expect(c.targetVerdict).toBe('the bare Node HTTP + one INSERT does 900/s, 1.5× of 600/s; the API does 33.3 % of it');
    expect(ceiling({ api: 100, bare: 500, raw: 2000 }).targetVerdict).toMatch(/^even the bare .* \(500\/s\) is below 600\/s/);
  });
});

describe('the bare server’s row', () => {
  const body = { content: { figures: { TT_BUOI: { value: 12 } }, narrative: { 'II.1': 'Tổ chức 12 buổi.' } } };

  it('is an event-shaped row carrying the body’s figures and narrative, with the sha256 of its data', () => {
    const row = bareEventRow(body, 7, 42);
    expect(row).toHaveLength(5);
    const [streamId, eventId, data, metadata, hash] = row!;
    expect(streamId).toBe('submission-bare:42-7');
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(data)).toEqual({ cycleId: 'bare', unitId: 'u7', version: 1, ...body.content });
    expect(JSON.parse(metadata).actor).toEqual({ userId: 'bare', role: 'reporter' });
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    expect(hash).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('is refused (null) for a body without figures', () => {
    for (const bad of [null, 'x', {}, { content: {} }, { content: { figures: null } }]) expect(bareEventRow(bad, 1)).toBeNull();
  });

  it('goes into a plain table name only, with one placeholder per variable column', () => {
    expect(insertSql('bench_bare_events')).toContain('INSERT INTO bench_bare_events (stream_id, stream_type');
    expect(insertSql('bench_bare_events').match(/\$\d/g)).toEqual(['$1', '$2', '$3', '$4', '$5']);
    expect(COLUMNS).toHaveLength(10);
    expect(() => insertSql('events; DROP TABLE events')).toThrow(/plain table name/);
  });
});
