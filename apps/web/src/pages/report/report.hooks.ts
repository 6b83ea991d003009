import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfficialDocument, SignatureBlock } from '@domain/document/document.model';
import type { ReportAction } from '@domain/permissions';
import type { Passage } from '@domain/report/passages';
import type { ReportComment, ReportStatus, ReportUser } from '@domain/report/report.model';
import { api, ApiError, call, NetworkError } from '../../api/client';

/**
 * What GET …/report and …/versions/{v} answer. The API documents these two with examples only (no response
 * DTO class yet), so the generated client has no type for them: the shapes are the domain's own types,
 * which the API returns as they are.
 */
export interface ReportView {
  cycleId: string;
  streamVersion: number;
  status: ReportStatus;
  cyclePhase: string;
  allowedActions?: ReportAction[];
  versions: { version: number; origin: 'consolidation' | 'revision'; createdAt: string; createdBy: ReportUser; note?: string }[];
  latestVersion: number | null;
  comments: ReportComment[];
  signed: { version: number; signedAt: string; signedBy: ReportUser } | null;
  numbered: { number: number; numberText: string; date: string } | null;
  distribution: { at: string; deliveries: unknown[] } | null;
  recall: { reason: string; at: string } | null;
  document: OfficialDocument | null;
}

export interface VersionView {
  version: number;
  origin: 'consolidation' | 'revision';
  createdAt: string;
  createdBy: ReportUser;
  signed: boolean;
  document: OfficialDocument;
  passages: Passage[];
  comments: ReportComment[];
}

export interface ChecksView {
  findings: { severity?: string; violation?: { severity: string }; messageVi?: string }[];
  draftFindings: { passageId: string; messageVi: string }[];
  checkedVersion?: number;
}

const reportKey = (cycleId: string) => ['report', cycleId] as const;

export function useReport(cycleId: string) {
  return useQuery({
    queryKey: reportKey(cycleId),
    queryFn: async () => (await call(api.GET('/cycles/{cycleId}/report', { params: { path: { cycleId } } }))) as unknown as ReportView,
  });
}

export function useReportVersion(cycleId: string, version: number | null) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'version', version],
    enabled: version !== null,
    queryFn: async () => (await call(api.GET('/cycles/{cycleId}/report/versions/{version}', {
      params: { path: { cycleId, version: String(version) } },
    }))) as unknown as VersionView,
  });
}

/** The checks before signing (office roles only; the page asks only when it offers signing). */
export function useReportChecks(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKey(cycleId), 'checks'],
    enabled,
    queryFn: async () => (await call(api.GET('/cycles/{cycleId}/report/checks', { params: { path: { cycleId } } }))) as unknown as ChecksView,
  });
}

/** A write on the report with If-Match on the version read; afterwards the report and its versions are read again. */
function useReportWrite<V>(cycleId: string, report: ReportView | undefined, send: (v: V, headers: { 'If-Match'?: string }) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => send(v, report ? { 'If-Match': `"${report.streamVersion}"` } : {}),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKey(cycleId) }),
  });
}

export function useAddComment(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, (body: { version: number; passageId: string; quote?: string; text: string }, header) =>
    call(api.POST('/cycles/{cycleId}/report/comments', { params: { path: { cycleId }, header }, body })));
}

export function useResolveComment(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, ({ commentId, note }: { commentId: string; note?: string }, header) =>
    call(api.POST('/cycles/{cycleId}/report/comments/{commentId}/resolve', { params: { path: { cycleId, commentId }, header }, body: note ? { note } : {} })));
}

export function useSign(cycleId: string, report: ReportView | undefined) {
  return useReportWrite(cycleId, report, (body: { version: number } & Partial<SignatureBlock>, header) =>
    call(api.POST('/cycles/{cycleId}/report/sign', { params: { path: { cycleId }, header }, body: body as never })));
}

export const docxUrl = (cycleId: string, version?: number) => `/cycles/${cycleId}/report/document.docx${version ? `?version=${version}` : ''}`;
export const pdfUrl = (cycleId: string, version?: number) => `/cycles/${cycleId}/report/document.pdf${version ? `?version=${version}` : ''}`;

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
        const body = await res.json().catch(() => ({})) as { error?: string; messageVi?: string };
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
