import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, etagVersion, type Schemas } from '../../api/client';

export type Cycle = Schemas['CycleDto'];
export type RemindersResult = Schemas['RemindersResultDto'];

/** The cycle with its allowedActions and its ETag (stream version) for If-Match. */
export function useCycle(cycleId: string) {
  return useQuery({
    queryKey: ['cycle', cycleId],
    queryFn: async () => {
      const res = await api.GET('/cycles/{cycleId}', { params: { path: { cycleId } } });
      const cycle = await call(Promise.resolve(res));
      return { cycle, etag: etagVersion(res.response) ?? cycle.version };
    },
  });
}

function useRefresh(cycleId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['cycle', cycleId] }),
      qc.invalidateQueries({ queryKey: ['board', cycleId] }),
      qc.invalidateQueries({ queryKey: ['cycles'] }),
    ]);
}

export function useRemind(cycleId: string) {
  const refresh = useRefresh(cycleId);
  return useMutation({
    mutationFn: () => call(api.POST('/cycles/{cycleId}/reminders', { params: { path: { cycleId } } })),
    onSuccess: refresh,
  });
}

export function useCloseSubmissions(cycleId: string) {
  const refresh = useRefresh(cycleId);
  return useMutation({
    mutationFn: () => call(api.POST('/cycles/{cycleId}/close-submissions', { params: { path: { cycleId } } })),
    onSuccess: refresh,
  });
}

export function useAdvance(cycleId: string) {
  const refresh = useRefresh(cycleId);
  return useMutation({
    mutationFn: (to: Schemas['AdvancePhaseDto']['to']) =>
      call(api.POST('/cycles/{cycleId}/advance', { params: { path: { cycleId } }, body: { to } })),
    onSuccess: refresh,
  });
}

export function useDraftReport(cycleId: string) {
  const refresh = useRefresh(cycleId);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/cycles/{cycleId}/report/draft', { params: { path: { cycleId } }, body: {} })),
    onSuccess: () => Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['report', cycleId] })]),
  });
}

export function useExtendDeadline(cycleId: string) {
  const refresh = useRefresh(cycleId);
  return useMutation({
    mutationFn: ({ unitId, newDeadline, reason, etag }: { unitId: string; newDeadline: string; reason: string; etag: number }) =>
      call(
        api.POST('/cycles/{cycleId}/units/{unitId}/extensions', {
          params: { path: { cycleId, unitId }, header: { 'If-Match': `"${etag}"` } },
          body: { newDeadline, reason },
        }),
      ),
    onSuccess: refresh,
  });
}
