import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export type DeliveryFilter = 'all' | 'pending' | 'done';
const ACKNOWLEDGED: Record<DeliveryFilter, 'true' | 'false' | undefined> = { all: undefined, pending: 'false', done: 'true' };

/**
 * One page of the distributed report's deliveries (GET …/report/deliveries, in Nơi nhận order), filtered by receipt.
 * Under the report's query key, so a write on the report (or a refresh of it) reads the page again.
 */
export function useReportDeliveries(cycleId: string, filter: DeliveryFilter, cursor: string | undefined, limit: number) {
  return useQuery({
    queryKey: ['report', cycleId, 'deliveries', filter, cursor, limit],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/report/deliveries', {
          params: { path: { cycleId }, query: { limit, cursor, acknowledged: ACKNOWLEDGED[filter] } },
        }),
      ),
  });
}
