import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export type Me = Schemas['MeDto'];
export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => call(api.GET('/auth/me')), staleTime: 5 * 60_000 });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => call(api.POST('/auth/login', { body })),
    onSuccess: (result) => {
      qc.clear(); // nothing of a previous user survives a new login
      qc.setQueryData(ME_KEY, result.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/auth/logout')),
    // Whatever the answer, nothing of this user stays on screen.
    onSettled: () => qc.clear(),
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => call(api.POST('/auth/password', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
}

const OFFICE_ROLES = ['coordinator', 'standing', 'signer', 'clerk', 'admin', 'reviewer'];

/** Where a user lands after login: reporter → Việc của tôi; reviewer → Chờ duyệt; other office roles → Kỳ báo cáo. */
export function homePath(me: Pick<Me, 'roles'>): string {
  if (me.roles.includes('reporter')) return '/assignments';
  if (me.roles.includes('reviewer')) return '/reviews';
  if (me.roles.some((r) => OFFICE_ROLES.includes(r))) return '/cycles';
  return '/inbox';
}

export interface MenuEntry {
  path: string;
  label: string;
}

/** The menu a user sees: only the pages of their roles. */
export function menuFor(me: Pick<Me, 'roles'>): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (me.roles.includes('reporter'))
    entries.push({ path: '/assignments', label: 'Việc của tôi' }, { path: '/received', label: 'Văn bản đến' });
  if (me.roles.includes('reviewer')) entries.push({ path: '/reviews', label: 'Chờ duyệt' });
  if (me.roles.some((r) => OFFICE_ROLES.includes(r))) entries.push({ path: '/cycles', label: 'Kỳ báo cáo' });
  if (me.roles.some((r) => r === 'coordinator' || r === 'admin')) entries.push({ path: '/templates', label: 'Mẫu báo cáo' });
  if (me.roles.includes('admin'))
    entries.push({ path: '/admin/units', label: 'Cơ cấu tổ chức' }, { path: '/admin/accounts', label: 'Người dùng' });
  entries.push({ path: '/inbox', label: 'Thông báo' }, { path: '/account', label: 'Tài khoản' });
  return entries;
}

/** A `next` parameter that stays inside the app (no other origin, no protocol-relative URL). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
