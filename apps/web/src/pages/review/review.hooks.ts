import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SubmissionDiff } from '@domain/submission/submission.diff';
import { api, call, type Schemas } from '../../api/client';
import { submissionKey } from '../submission/submission.hooks';

export type ReviewItem = Schemas['ReviewItemDto'];
export type Submission = Schemas['SubmissionDto'];
export type ReturnReason = Schemas['ReturnReasonDto'];
export type VersionDiff = SubmissionDiff & { from: number; to: number };

const QUEUE_PAGE = 50;

/** "Chờ duyệt": submissions and resubmissions waiting, oldest first, a page at a time. */
export function useReviewQueue(cursor: string | null) {
  return useQuery({
    queryKey: ['reviews', cursor],
    queryFn: () => call(api.GET('/reviews', { params: { query: { limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) } } })),
  });
}

/** The oldest waiting submission other than the one just decided (read fresh after acting). */
export async function nextWaiting(except: { cycleId: string; unitId: string }): Promise<ReviewItem | null> {
  const page = await call(api.GET('/reviews', { params: { query: { limit: 2 } } }));
  return page.items.find((i) => i.cycleId !== except.cycleId || i.unitId !== except.unitId) ?? null;
}

/** What changed from the previous version to `version` (only asked for a resubmission). */
export function useSubmissionDiff(cycleId: string, unitId: string, version: number | undefined) {
  return useQuery({
    queryKey: ['submission-diff', cycleId, unitId, version],
    enabled: version !== undefined && version > 1,
    queryFn: async () =>
      (await call(
        api.GET('/cycles/{cycleId}/units/{unitId}/submission/versions/{version}/diff', {
          params: { path: { cycleId, unitId, version: String(version) } },
        }),
      )) as unknown as VersionDiff,
  });
}

type Decision = { kind: 'approve' } | { kind: 'return'; reasons: ReturnReason[] };

/** Approve or return the version the reviewer read; If-Match on the stream version they read it at. */
export function useDecide(submission: Submission) {
  const qc = useQueryClient();
  const { cycleId, unitId } = submission;
  const version = submission.versions.at(-1)?.version;
  const path = { cycleId, unitId };
  const headers = { 'If-Match': `"${submission.streamVersion}"` };
  return useMutation({
    mutationFn: (d: Decision) =>
      d.kind === 'approve'
        ? call(api.POST('/cycles/{cycleId}/units/{unitId}/submission/approve', { params: { path, header: headers }, body: { version } }))
        : call(
            api.POST('/cycles/{cycleId}/units/{unitId}/submission/return', {
              params: { path, header: headers },
              body: { version, reasons: d.reasons },
            }),
          ),
    onSuccess: (updated) => {
      qc.setQueryData(submissionKey(cycleId, unitId), updated);
      void qc.invalidateQueries({ queryKey: ['reviews'] });
      void qc.invalidateQueries({ queryKey: ['board', cycleId] });
    },
  });
}
