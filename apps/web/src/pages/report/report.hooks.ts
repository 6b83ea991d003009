import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, NetworkError, type Schemas } from '../../api/client';

export type ReportView = Schemas['ReportDto'];
export type VersionView = Schemas['ReportVersionDto'];
export type ReportCommentView = Schemas['ReportCommentDto'];
export type SignatureView = Schemas['SignatureBlockDto'];

export type ChecksView = Schemas['ReportChecksDto'];
export type FigureSourcesView = Schemas['FigureSourcesDto'];
export type BodySectionInput = Schemas['SectionDto'];

const reportKey = (cycleId: string) => ['report', cycleId] as const;

export function useReport(cycleId: string) {
  return useQuery({
    queryKey: reportKey(cycleId),
    queryFn: () => call(api.GET('/cycles/{cycleId}/report', { params: { path: { cycleId } } })),
  });
}

export function useReportVersion(cycleId: string, version: number | null) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'version', version],
    enabled: version !== null,
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/report/versions/{version}', {
          params: { path: { cycleId, version: String(version) } },
        }),
      ),
  });
}

/** The checks before signing (office roles only; the page asks only when it offers signing). */
export function useReportChecks(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'checks'],
    enabled,
    queryFn: () => call(api.GET('/cycles/{cycleId}/report/checks', { params: { path: { cycleId } } })),
  });
}

/** Where the figures of one passage came from (office roles). */
export function useFigureSources(cycleId: string, version: number, passageId: string | null, page = 1) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'sources', version, passageId, page],
    enabled: passageId !== null,
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/report/versions/{version}/figure-sources', {
          params: { path: { cycleId, version: String(version) }, query: { passageId: passageId!, page: String(page) } },
        }),
      ),
  });
}

/** Changes between two versions, passage by passage with words marked. */
export function useVersionDiff(cycleId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'diff', from, to],
    enabled: from !== null && to !== null && from !== to,
    queryFn: async () =>
      (await call(
        api.GET('/cycles/{cycleId}/report/versions/{version}/diff', {
          params: { path: { cycleId, version: String(to) }, query: { from: String(from) } },
        }),
      )) as unknown as VersionDiff,
  });
}

/** GET …/versions/{v}/diff is documented with an example only: the fields the page reads. */
export interface VersionDiff {
  from: number;
  to: number;
  changes: (
    | { kind: 'added'; to: PassageView }
    | { kind: 'removed'; from: PassageView }
    | { kind: 'changed'; from: PassageView; to: PassageView; words: { value: string; added?: boolean; removed?: boolean }[] }
  )[];
}
export interface PassageView {
  id: string;
  kind: string;
  text: string;
}

/** A write on the report with If-Match on the version read; afterwards the report and its versions are read again. */
function useReportWrite<V>(
  cycleId: string,
  report: ReportView | undefined,
  send: (v: V, headers: { 'If-Match'?: string }) => Promise<unknown>,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => send(v, report ? { 'If-Match': `"${report.streamVersion}"` } : {}),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKey(cycleId) }),
  });
}

export function useAddComment(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, (body: { version: number; passageId: string; quote?: string; text: string }, header) =>
    call(api.POST('/cycles/{cycleId}/report/comments', { params: { path: { cycleId }, header }, body })),
  );
}

export function useResolveComment(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, ({ commentId, note }: { commentId: string; note?: string }, header) =>
    call(
      api.POST('/cycles/{cycleId}/report/comments/{commentId}/resolve', {
        params: { path: { cycleId, commentId }, header },
        body: note ? { note } : {},
      }),
    ),
  );
}

/** A new version with the office's edits (POST …/report/revisions, based on the latest version). */
export function useRevise(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, (body: { baseVersion: number; body: BodySectionInput[]; note?: string }, header) =>
    call(api.POST('/cycles/{cycleId}/report/revisions', { params: { path: { cycleId }, header }, body })),
  );
}

export function useSign(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, (body: { version: number } & Partial<SignatureView>, header) =>
    call(api.POST('/cycles/{cycleId}/report/sign', { params: { path: { cycleId }, header }, body: body as never })),
  );
}

export const docxUrl = (cycleId: string, version?: number) =>
  `/cycles/${cycleId}/report/document.docx${version ? `?version=${version}` : ''}`;
export const pdfUrl = (cycleId: string, version?: number) =>
  `/cycles/${cycleId}/report/document.pdf${version ? `?version=${version}` : ''}`;

/**
 * The PDF is made by LibreOffice on the server; when it is not installed the API answers 503 PDF_UNAVAILABLE
 * with a Vietnamese message, which the page shows with the DOCX instead. A PDF is saved as a file.
 */
export function useDownloadPdf(cycleId: string) {
  return useMutation({
    mutationFn: async (version?: number) => {
      let res: Response;
      try {
        res = await fetch(pdfUrl(cycleId, version), { credentials: 'same-origin' });
      } catch (err) {
        throw new NetworkError(String(err));
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string; messageVi?: string };
        throw new ApiError(res.status, body.error ?? 'HTTP_ERROR', body.messageVi ?? 'Không tải được bản PDF.', body);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'bao-cao.pdf';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}

/** The cycle's units with no approved submission, named, a page (100) at a time (office roles; when asked). */
export function useMissingUnits(cycleId: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'missing-units', page],
    enabled,
    queryFn: () =>
      call(api.GET('/cycles/{cycleId}/report/checks/missing-units', { params: { path: { cycleId }, query: { page: String(page) } } })),
  });
}

export type FindingView = Schemas['ConsolidationFindingDto'];
export type FindingSeverityView = 'error' | 'warning';

/** The consolidation's findings (of one severity, or all), a page (100) at a time (office roles; when asked). */
export function useCheckFindings(cycleId: string, page: number, severity: FindingSeverityView | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'findings', severity ?? 'all', page],
    enabled,
    queryFn: () =>
      call(
        api.GET('/cycles/{cycleId}/report/checks/findings', {
          params: { path: { cycleId }, query: { page: String(page), ...(severity ? { severity } : {}) } },
        }),
      ),
  });
}
