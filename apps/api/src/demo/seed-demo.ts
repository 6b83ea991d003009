/**
 * Loads the demo (a district, its organisations and communes, one open cycle) through the running API,
 * the first time only. `node dist/apps/api/src/demo/seed-demo.js` with API_PORT (default 3000).
 */
import { DEMO_ACTIVE_FROM, DEMO_COORDINATOR, DEMO_DISTRICT_ID, DEMO_UNITS, demoCycleBody } from './demo-data';

export async function seedDemo(baseUrl: string): Promise<{ created: boolean; cycleId?: string }> {
  const headers = { 'content-type': 'application/json', 'x-user-id': DEMO_COORDINATOR, 'x-user-role': 'coordinator' };
  const existing = await (await fetch(`${baseUrl}/org-units`, { headers })).json() as { id: string }[];
  if (existing.some((u) => u.id === DEMO_DISTRICT_ID)) return { created: false };
  for (const unit of DEMO_UNITS) {
    const res = await fetch(`${baseUrl}/org-units`, { method: 'POST', headers, body: JSON.stringify({ ...unit, activeFrom: DEMO_ACTIVE_FROM }) });
    if (res.status !== 201) throw new Error(`POST /org-units ${unit.id}: ${res.status} ${await res.text()}`);
  }
  const res = await fetch(`${baseUrl}/cycles`, {
    method: 'POST', headers: { ...headers, 'idempotency-key': 'demo-cycle-2026' }, body: JSON.stringify(demoCycleBody(2026)),
  });
  if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${await res.text()}`);
  const cycle = await res.json() as { id: string };
  return { created: true, cycleId: cycle.id };
}

if (require.main === module) {
  const url = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;
  seedDemo(url).then((r) => {
    process.stderr.write(r.created
      ? `[demo] loaded: Huyện ủy Tam Đường, ${DEMO_UNITS.length} units, cycle ${r.cycleId} (${url}/cycles/${r.cycleId})\n`
      : '[demo] already loaded\n');
  }, (err) => {
    process.stderr.write(`[demo] failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
