import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type CycleSummary = Schemas['CycleSummaryDto'];
export type Board = Schemas['BoardDto'];
export type BoardUnit = Schemas['BoardUnitViewDto'];
export type BoardGroup = Schemas['BoardGroupDto'];
export type Rate = Schemas['RateDto'];
export type FailedDelivery = Schemas['FailedDeliveryDto'];

export type BoardSort = 'name' | 'status' | 'daysLate' | 'kind' | 'level';
export type BoardStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved';

export interface BoardParams {
  /** Empty: every status. */
  status: readonly BoardStatus[];
  sort: BoardSort;
  order: 'asc' | 'desc';
}

/** The query string the board, its CSV and its Excel export share (so a download is what the table shows). */
export function boardQueryString(p: BoardParams): string {
  const q = new URLSearchParams();
  if (p.status.length > 0) q.set('status', p.status.join(','));
  q.set('sort', p.sort);
  q.set('order', p.order);
  return q.toString();
}

export function useCycles() {
  return useQuery({ queryKey: ['cycles'], queryFn: () => call(api.GET('/cycles')) });
}

export function useBoard(cycleId: string, p: BoardParams) {
  return useQuery({
    queryKey: ['board', cycleId, p],
    queryFn: () => call(api.GET('/cycles/{cycleId}/board', {
      params: { path: { cycleId }, query: { ...(p.status.length > 0 ? { status: [...p.status] } : {}), sort: p.sort, order: p.order } },
      querySerializer: () => boardQueryString(p),
    })),
    // A new filter or sort keeps the table on screen until the answer arrives.
    placeholderData: keepPreviousData,
  });
}
