import type { Submission } from './submission.hooks';

/** The reasons of the return still open: the latest version was returned and nothing was sent since. */
export function openReturn(s: Submission): Submission['returns'][number] | undefined {
  const latest = s.versions.length;
  if (latest === 0 || ['submitted', 'resubmitted', 'approved'].includes(s.status)) return undefined;
  return s.returns.find((r) => r.version === latest);
}
