import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CycleStatus } from '@domain/cycle/cycle.model';
import { api, call, type Schemas } from '../../api/client';

export type CycleListItem = Schemas['CycleListItemDto'];
export type CyclePhaseKey = CycleStatus;

export interface CycleListFilter {
  phase?: CyclePhaseKey;
  year?: number;
}

/** One page of the cycles list (GET /cycle-list): newest first, with progress and the next milestone. */
export function useCycleList(filter: CycleListFilter, cursor: string | undefined, limit = 20) {
  return useQuery({
    queryKey: ['cycle-list', filter, cursor, limit],
    queryFn: () => call(api.GET('/cycle-list', { params: { query: { ...filter, limit, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}
