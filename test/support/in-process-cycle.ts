import { cycleDecider } from '@kybaocao/domain/cycle';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { DEMO_DISTRICT_ID, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../../apps/api/src/demo/demo-data';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import type { TestDatabase } from '../infra/db';
import { cycleBody } from './api-stack';

/**
 * For a spec that runs the API in its own process (no worker): the demo district with `units` as its communes'
 * women's unions, the demo coordinator and reviewer, a reporter `canbo.<tag>` for those units, and a cycle opened
 * over them whose submission window is open, as the workflow would have opened it. Returns the sessions and the cycle.
 */
export async function collectingCycle(url: string, admin: ApiSession, db: TestDatabase, units: readonly string[], tag: string) {
  for (const unit of [
    ...DEMO_UNITS.map((u) => ({ ...u, activeFrom: '2020-01-01' })),
    ...units.map((id) => ({
      id,
      parentId: DEMO_DISTRICT_ID,
      level: 'xa',
      kind: 'HLHPN',
      canonicalName: `Hội LHPN ${id}`,
      activeFrom: '2020-01-01',
    })),
  ]) {
    const registered = await admin.call('POST', '/org-units', unit);
    if (registered.status !== 201) throw new Error(`POST /org-units ${unit.id}: ${registered.status}`);
  }
  const coordinator = DEMO_USERS.find((u) => u.roles.includes('coordinator'))!;
  const review = DEMO_USERS.find((u) => u.roles.includes('reviewer'))!;
  const reporterName = `canbo.${tag}`;
  for (const user of [
    coordinator,
    review,
    { username: reporterName, displayName: 'Cán bộ thử', roles: ['reporter'], unitIds: [...units] },
  ]) {
    const created = await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD });
    if (created.status !== 201) throw new Error(`POST /users ${user.username}: ${created.status}`);
  }
  const office = await ApiSession.login(url, coordinator.username, DEMO_PASSWORD);
  const reporter = await ApiSession.login(url, reporterName, DEMO_PASSWORD);
  const reviewer = await ApiSession.login(url, review.username, DEMO_PASSWORD);
  const opened = await office.call('POST', '/cycles', cycleBody([...units]));
  if (opened.status !== 201) throw new Error(`POST /cycles: ${opened.status}`);
  const cycleId: string = opened.body.id;
  await new CommandHandler(new EventStore(db.app)).handle(
    cycleDecider,
    `cycle-${cycleId}`,
    { type: 'AdvancePhase', data: { to: 'collecting' } } as never,
    { metadata: { actor: { userId: 'system', role: 'system' }, correlationId: tag }, now: new Date() },
  );
  return { cycleId, office, reporter, reviewer };
}
