import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export type GlobalAction = Schemas['CapabilitiesDto']['actions'][number];

/** What the server says the user may do beyond any one cycle (GET /me/capabilities): open cycles, manage accounts … */
export function useCapabilities() {
  return useQuery({ queryKey: ['me', 'capabilities'], queryFn: () => call(api.GET('/me/capabilities')), staleTime: 5 * 60_000 });
}

/** True once the server has said the user may do `action`; false while loading or when refused. */
export function useCan(action: GlobalAction): boolean {
  const caps = useCapabilities();
  return caps.data?.actions.includes(action) ?? false;
}
