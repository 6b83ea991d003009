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

/** Which rows of the board to show: the server pages them (a cycle may hold 20,000 units). */
export interface BoardPaging {
  /** 1-based. */
  page: number;
  pageSize: number;
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

export function useBoard(cycleId: string, p: BoardParams, paging: BoardPaging) {
  const offset = (paging.page - 1) * paging.pageSize;
  return useQuery({
    queryKey: ['board', cycleId, p, paging],
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/board', {
          params: {
            path: { cycleId },
            query: {
              ...(p.status.length > 0 ? { status: [...p.status] } : {}),
              sort: p.sort,
              order: p.order,
              offset,
              limit: paging.pageSize,
            },
          },
          querySerializer: () => `${boardQueryString(p)}&offset=${offset}&limit=${paging.pageSize}`,
        }),
      ),
    // A new filter or sort keeps the table on screen until the answer arrives.
    placeholderData: keepPreviousData,
  });
}
