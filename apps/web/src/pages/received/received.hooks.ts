import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type ReceivedReport = Schemas['ReceivedReportDto'];
export type ReceivedDelivery = Schemas['ReceivedDeliveryDto'];

const PAGE = 20;
const key = ['received-reports'] as const;

/** GET /me/reports: reports distributed to the user's units, most recent first, a page at a time. */
export function useReceivedReports() {
  return useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/me/reports', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * The unit confirms it received the report (POST …/report/receipts); the list is read again. `Prefer: return=minimal`:
 * the answer is 204 without the report, which this page never shows (2.5 MB for a national report, on a phone).
 */
export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, unitId }: { cycleId: string; unitId: string }) =>
      call(
        api.POST('/cycles/{cycleId}/report/receipts', {
          params: { path: { cycleId }, header: { Prefer: 'return=minimal' } },
          body: { unitId },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}
