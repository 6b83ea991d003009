import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type AccountRow = Schemas['AccountRowDto'];
export type OrgNode = Schemas['OrgNodeDto'];
export type Role = Schemas['CreateUserDto']['roles'][number];

export function useAccounts(q: string, cursor: string | undefined, limit = 20) {
  return useQuery({
    queryKey: ['accounts', q, cursor, limit],
    queryFn: () => call(api.GET('/accounts', { params: { query: { limit, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrgChildren(parentId: string | undefined, cursor: string | undefined, limit = 30) {
  return useQuery({
    queryKey: ['org-children', parentId, cursor, limit],
    queryFn: () =>
      call(
        api.GET('/org-units/children', { params: { query: { limit, ...(parentId ? { parentId } : {}), ...(cursor ? { cursor } : {}) } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Units found by part of a name (for pickers); nothing is asked before two letters are typed. */
export function useUnitSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['org-search', text],
    queryFn: () => call(api.GET('/org-units/search', { params: { query: { q: text } } })),
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
}

function useRefresh(key: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [key] });
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useCreateAccount() {
  const refresh = useRefresh('accounts');
  return useMutation({ mutationFn: (body: Schemas['CreateUserDto']) => call(api.POST('/users', { body })), onSuccess: refresh });
}

export function useChangeAccount() {
  const refresh = useRefresh('accounts');
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: Schemas['UpdateUserDto'] }) =>
      call(api.PATCH('/users/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

type AccountAction = 'disable' | 'enable' | 'unlock';
export function useAccountAction() {
  const refresh = useRefresh('accounts');
  return useMutation({
    mutationFn: ({ id, version, action, reason }: { id: string; version: number; action: AccountAction; reason?: string }) => {
      const params = { path: { id }, header: ifMatch(version) };
      if (action === 'disable') return call(api.POST('/users/{id}/disable', { params, body: reason ? { reason } : {} }));
      if (action === 'enable') return call(api.POST('/users/{id}/enable', { params }));
      return call(api.POST('/users/{id}/unlock', { params }));
    },
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh('accounts');
  return useMutation({
    mutationFn: ({ id, version, newPassword }: { id: string; version: number; newPassword: string }) =>
      call(
        api.POST('/users/{id}/reset-password', {
          params: { path: { id }, header: ifMatch(version) },
          body: { newPassword, mustChangePassword: true },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAddAlias() {
  const refresh = useRefresh('org-children');
  return useMutation({
    mutationFn: ({ unitId, alias }: { unitId: string; alias: string }) =>
      call(api.POST('/org-units/{unitId}/aliases', { params: { path: { unitId } }, body: { alias } })),
    onSuccess: refresh,
  });
}

export function useCloseUnit() {
  const refresh = useRefresh('org-children');
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: Schemas['CloseUnitDto'] }) =>
      call(api.POST('/org-units/{unitId}/close', { params: { path: { unitId } }, body })),
    onSuccess: refresh,
  });
}
