import { Steps, Tag } from 'antd';
import { CYCLE_PHASES } from '@domain/cycle/cycle.model';
import { PHASE_LABELS_VI } from '@domain/permissions';

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The cycle's phase in Vietnamese ("Tiếp nhận báo cáo"); the domain's labels, never the code. */
export function phaseLabel(status: string): string {
  const label = (PHASE_LABELS_VI as Record<string, string>)[status];
  return label ? sentence(label) : 'Không xác định';
}

const COLOR: Record<string, string> = {
  // Preset colours whose text keeps a 4.5:1 contrast; a finished cycle in solid dark green.
  planned: 'default',
  collecting: 'blue',
  reviewing: 'geekblue',
  commenting: 'magenta',
  signing: 'purple',
  distributing: 'blue',
  closed: '#237804',
  cancelled: 'red',
};

export function PhaseTag({ status }: { status: string }) {
  return <Tag color={COLOR[status] ?? 'default'}>{phaseLabel(status)}</Tag>;
}

/** Every phase of a cycle in order, the current one marked: a closed or distributed cycle does not look open. */
export function PhaseSteps({ status, vertical }: { status: string; vertical?: boolean }) {
  const current = (CYCLE_PHASES as readonly string[]).indexOf(status);
  if (current < 0) return <PhaseTag status={status} />;
  const last = CYCLE_PHASES.length - 1;
  return (
    <nav aria-label="Các giai đoạn của kỳ báo cáo">
      <Steps
        size="small"
        orientation={vertical ? 'vertical' : 'horizontal'}
        titlePlacement={vertical ? 'horizontal' : 'vertical'}
        current={current}
        status={current === last ? 'finish' : 'process'}
        items={CYCLE_PHASES.map((p, i) => ({
          title: sentence(PHASE_LABELS_VI[p]),
          // The state in words too, not only in colour.
          content: i === current ? 'Hiện tại' : undefined,
        }))}
      />
    </nav>
  );
}
