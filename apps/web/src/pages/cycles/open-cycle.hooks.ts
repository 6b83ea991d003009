import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type PeriodKind = Schemas['PeriodSuggestionDto']['kind'];
export type PeriodSuggestion = Schemas['PeriodSuggestionDto'];
export type OrgUnit = Schemas['OrgUnitDto'];
export type OpenCycleBody = Schemas['OpenCycleDto'];

export function useTemplates() {
  return useQuery({ queryKey: ['templates'], queryFn: () => call(api.GET('/templates')), staleTime: 10 * 60_000 });
}

export function useOrgUnits() {
  return useQuery({ queryKey: ['org-units'], queryFn: () => call(api.GET('/org-units')), staleTime: 5 * 60_000 });
}

/** The data window and milestones ND 09/2019 gives a periodic report (GET /periods/suggestion). */
export function usePeriodSuggestion(kind: PeriodKind | undefined, year: number | undefined, index: number | undefined) {
  return useQuery({
    queryKey: ['period-suggestion', kind, year, index],
    enabled: !!kind && !!year && year >= 2000 && year <= 2100,
    queryFn: () =>
      call(
        api.GET('/periods/suggestion', {
          params: { query: { kind: kind!, year: year!, ...(kind === 'quarter' ? { index: index ?? 1 } : {}) } },
        }),
      ),
    staleTime: Infinity,
  });
}

export function useOpenCycle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: OpenCycleBody; key: string }) =>
      call(api.POST('/cycles', { body, params: { header: { 'Idempotency-Key': key } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cycles'] }),
  });
}

/**
 * The cycle of the same template and issuer a year before `dataTo` (GET /periods/previous-cycle), suggested
 * for the comparison "so với cùng kỳ"; null when there is none (404 PREVIOUS_CYCLE_NONE).
 */
export function usePreviousCycle(templateId: string | undefined, issuerId: string | undefined, dataTo: string | undefined) {
  return useQuery({
    queryKey: ['previous-cycle', templateId, issuerId, dataTo],
    enabled: !!templateId && !!issuerId && !!dataTo,
    staleTime: 60_000,
    queryFn: async () => {
      const { data, response } = await api.GET('/periods/previous-cycle', {
        params: { query: { templateId: templateId!, issuerId: issuerId!, dataTo: dataTo! } },
      });
      if (response.status === 404) return null;
      if (!response.ok || !data) throw new Error(`previous-cycle ${response.status}`);
      return data as { cycleId: string; periodLabel: string; dataTo: string };
    },
  });
}
