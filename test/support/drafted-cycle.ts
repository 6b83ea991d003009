import { randomUUID } from 'node:crypto';
import type { Recipient } from '@kybaocao/domain/document/document.model';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { cycleDecider, type CycleCommand } from '@kybaocao/domain/cycle';
import { openCycleCommand } from '@kybaocao/domain/cycle/test-fixtures';
import { draftReport, reportDecider, type ReportCommand, type ReportState } from '@kybaocao/domain/report';
import { fortyConsolidationInput, fortyCycle } from '@kybaocao/domain/report/forty-indicators.fixture';
import type { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import type { EventMetadata } from '@kybaocao/persistence/event-store/event-store';
import { DEMO_DISTRICT_ID } from '../../apps/api/src/demo/demo-data';

/** A cycle's and its report's commands, written through the deciders as `metadata`'s actor (no workflow, no API). */
export function cycleCommands(commands: CommandHandler, metadata: EventMetadata) {
  return {
    cycle: (cycleId: string, command: CycleCommand) =>
      commands.handle(cycleDecider, `cycle-${cycleId}`, command, { metadata, now: new Date() }),
    report: (cycleId: string, command: ReportCommand) =>
      commands.handle(reportDecider, `report-${cycleId}`, command, { metadata, now: new Date() }),
  };
}

/**
 * For the scaling specs: a cycle of `n` units of the demo district, in the commenting phase, whose report's version 1
 * is the domain's draft of a 40-indicator cycle of `n` units. Returns the cycle's id and the report's state.
 */
export async function cycleWithDraft(
  commands: CommandHandler,
  metadata: EventMetadata,
  n: number,
): Promise<{ cycleId: string; report: ReportState }> {
  const write = cycleCommands(commands, metadata);
  const cycleId = randomUUID();
  const units = Array.from({ length: n }, (_, i) => `dv-${String(i).padStart(6, '0')}`);
  await write.cycle(
    cycleId,
    openCycleCommand({ cycleId, units, issuingBody: { unitId: DEMO_DISTRICT_ID, name: 'Huyện ủy', symbol: 'HU' } }),
  );
  await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'collecting' } });
  await write.cycle(cycleId, {
    type: 'CloseSubmissionWindow',
    data: { by: { kind: 'coordinator', userId: 'cv' }, at: new Date().toISOString() },
  } as CycleCommand);
  await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'commenting', approvedUnitIds: units } } as CycleCommand);
  const f = fortyCycle(n);
  const document = draftReport({ ...f, consolidation: consolidate(fortyConsolidationInput(f)), choices: {} });
  const drafted = await write.report(cycleId, {
    type: 'DraftReport',
    data: { cycleId, document, at: new Date().toISOString(), by: { userId: 'cv', name: 'Chuyên viên' } },
  });
  return { cycleId, report: drafted.state };
}

/**
 * For the scaling specs after the draft: `cycleWithDraft`'s report signed (version 1) with Nơi nhận as `lines` give it,
 * and the cycle in the distributing phase (the clerk numbers and distributes it through the API).
 */
export async function signedAndAddressed(
  commands: CommandHandler,
  metadata: EventMetadata,
  cycleId: string,
  lines: Recipient[],
): Promise<void> {
  const write = cycleCommands(commands, metadata);
  const at = () => new Date().toISOString();
  const by = { userId: 'btv', name: 'Nguyễn Văn A' };
  await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'signing' } });
  await write.report(cycleId, {
    type: 'SignReport',
    data: {
      version: 1,
      signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
      at: at(),
      by,
    },
  });
  await write.report(cycleId, { type: 'AmendRecipients', data: { recipients: lines, archive: ['Văn phòng Huyện ủy'], at: at(), by } });
  await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'distributing' } });
}
