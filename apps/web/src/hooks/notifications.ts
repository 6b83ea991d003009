import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export type InboxItem = Schemas['InboxItemDto'];
const INBOX_KEY = ['me', 'notifications'] as const;
const PREFS_KEY = ['me', 'preferences'] as const;
export const INBOX_PAGE = 20;

/** The newest notifications and the unread count (the bell polls it every minute). */
export function useInbox(limit = INBOX_PAGE) {
  return useQuery({
    queryKey: [...INBOX_KEY, limit],
    queryFn: () => call(api.GET('/me/notifications', { params: { query: { limit } } })),
    refetchInterval: 60_000,
  });
}

/** An older page: notifications due before `before`. */
export async function fetchInboxBefore(before: string, limit = INBOX_PAGE) {
  return call(api.GET('/me/notifications', { params: { query: { limit, before } } }));
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      call(api.POST('/me/notifications/{notificationId}/read', { params: { path: { notificationId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: PREFS_KEY, queryFn: () => call(api.GET('/me/preferences')) });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdatePreferencesDto']) => call(api.PUT('/me/preferences', { body })),
    onSuccess: (prefs) => qc.setQueryData(PREFS_KEY, prefs),
  });
}

/** The UI route of a link the system sent ("http://host/ui/cycles/…" → "/cycles/…"); null when it is not one. */
export function appPathOf(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, window.location.origin);
    const m = url.pathname.match(/^\/ui(\/.*)$/);
    if (m) return m[1] + url.search;
    // Older notifications carry the API route of a submission: open its page instead.
    const sub = url.pathname.match(/^\/cycles\/([^/]+)\/units\/([^/]+)\/submission$/);
    if (sub) return `/cycles/${sub[1]}/units/${sub[2]}`;
    const report = url.pathname.match(/^\/cycles\/([^/]+)\/report$/);
    if (report) return `/cycles/${report[1]}/report`;
    return null;
  } catch {
    return null;
  }
}
