import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'danger' | 'success' | 'warning';

/** A tag whose text keeps a 4.5:1 contrast (Ant Design's preset colours do not, e.g. blue on light blue). */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Tag className={`tone-tag tone-${tone}`} variant="outlined">
      {children}
    </Tag>
  );
}

const STATUS_TONES: Record<string, Tone> = {
  not_started: 'neutral',
  draft: 'info',
  submitted: 'info',
  resubmitted: 'info',
  returned: 'danger',
  approved: 'success',
};
export const statusTone = (status: string): Tone => STATUS_TONES[status] ?? 'neutral';
