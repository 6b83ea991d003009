import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from './infra/temporal';

Runtime.install({ logger: new DefaultLogger('ERROR') });

/**
 * Histories of real runs (saved by the tests that produced them, see UPDATE_REPLAY_HISTORIES) replayed
 * against today's workflow code: a change that is not replay-safe fails here before it reaches a running cycle.
 */
const dir = path.join(__dirname, 'histories');
const load = (file: string) => temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
const histories = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    history: load(file),
  }));

describe('replaying saved workflow histories', () => {
  it('has histories to replay', () => {
    expect(histories.map((h) => h.file)).toContain('reporting-cycle-full.json');
  });

  it.each(histories.map((h) => [h.file, h.history] as const))('%s replays deterministically', async (file, history) => {
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file)).resolves.toBeUndefined();
  });

  it('detects a history the code could not have produced (so the replay check can fail)', async () => {
    const tampered = load('reporting-cycle-full.json');
    const scheduled = tampered.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType!.name = 'someOtherActivity';
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, tampered, 'tampered')).rejects.toThrow(
      /[Nn]ondeterminism|DeterminismViolation/,
    );
  });
});
