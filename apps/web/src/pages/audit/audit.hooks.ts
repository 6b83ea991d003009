import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditKind } from '@domain/audit';
import { api, call, type Schemas } from '../../api/client';

export type AuditEntry = Schemas['AuditEntryDto'];
export type BoardAsOf = Schemas['BoardAsOfDto'];
export type VerifyResult = Schemas['VerifyResultDto'];

export interface TimelineFilter {
  kind?: AuditKind;
  unitId?: string;
  asOf?: string;
}

/** One page of the cycle's history (GET /cycles/{id}/audit/timeline), in the order recorded. */
export function useTimeline(cycleId: string, filter: TimelineFilter, cursor: string | undefined, limit = 30) {
  return useQuery({
    queryKey: ['audit-timeline', cycleId, filter, cursor, limit],
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/audit/timeline', {
          params: { path: { cycleId }, query: { ...filter, limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The board's phase and counts as they stood at `asOf` (now when absent). */
export function useBoardAsOf(cycleId: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['audit-board', cycleId, asOf],
    queryFn: () => call(api.GET('/cycles/{cycleId}/audit/board', { params: { path: { cycleId }, query: asOf ? { asOf } : {} } })),
    placeholderData: keepPreviousData,
  });
}

/** The first units of the cycle, for the unit filter (a search narrows beyond them). */
export function useCycleUnits(cycleId: string) {
  return useQuery({
    queryKey: ['cycle-units-first', cycleId],
    queryFn: () => call(api.GET('/cycles/{cycleId}/units', { params: { path: { cycleId }, query: { limit: 100 } } })),
  });
}

/** The integrity check of the whole event log (GET /audit/verify), run when asked. */
export function useVerify() {
  return useMutation({ mutationFn: () => call(api.GET('/audit/verify', { params: { query: {} } })) });
}
