import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import type { ReportTemplate, SubmissionContent } from './form/form-model';

export type Submission = Schemas['SubmissionDto'];
export type SubmissionVersion = Schemas['SubmissionVersionDto'];
export type Assignment = Schemas['AssignmentDto'];

export const submissionKey = (cycleId: string, unitId: string) => ['submission', cycleId, unitId] as const;

export function useSubmission(cycleId: string, unitId: string) {
  return useQuery({
    queryKey: submissionKey(cycleId, unitId),
    queryFn: () => call(api.GET('/cycles/{cycleId}/units/{unitId}/submission', { params: { path: { cycleId, unitId } } })),
  });
}

/**
 * The template version the cycle pinned when it was opened (a later edit of the template never changes an open
 * cycle's form): published data that never changes under its id and version, cached for the session.
 */
export function useTemplate(templateId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['template', templateId, version],
    enabled: !!templateId && !!version,
    staleTime: Infinity,
    queryFn: async () =>
      toReportTemplate(
        await call(
          api.GET('/templates/{templateId}/versions/{version}', {
            params: { path: { templateId: templateId!, version: String(version!) } },
          }),
        ),
      ),
  });
}

type TemplateDto = Schemas['TemplateDto'];
type Section = ReportTemplate['sections'][number];

/** The API's TemplateDto as the domain's ReportTemplate (what checkFigures takes): a renamed DTO field fails here. */
export function toReportTemplate(dto: TemplateDto): ReportTemplate {
  const section = (s: TemplateDto['sections'][number]): Section => ({
    code: s.code,
    title: s.title,
    ...(s.children ? { children: s.children.map(section) } : {}),
    ...(s.unitKinds ? { unitKinds: s.unitKinds } : {}),
    ...(s.part ? { part: true } : {}),
  });
  return {
    id: dto.id,
    version: dto.version,
    title: dto.title,
    sections: dto.sections.map(section),
    indicators: dto.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      sectionCode: i.sectionCode,
      aggregation: i.aggregation,
      valueType: i.valueType,
      allowedQualifiers: i.allowedQualifiers,
      ...(i.signed !== undefined ? { signed: i.signed } : {}),
      // The DTO's percent-total rule is the domain's union, flattened.
      ...(i.table ? { table: i.table as ReportTemplate['indicators'][number]['table'] } : {}),
      ...(i.coverage ? { coverage: i.coverage } : {}),
    })),
    rules: dto.rules.map((r): ReportTemplate['rules'][number] => {
      const base = { code: r.code, severity: r.severity, messageVi: r.messageVi };
      switch (r.kind) {
        case 'gte':
          return { ...base, kind: 'gte', left: r.left ?? '', right: r.right ?? '' };
        case 'sum_of_parts':
          return { ...base, kind: 'sum_of_parts', total: r.total ?? '', parts: r.parts ?? [] };
        case 'change_vs_previous':
          return { ...base, kind: 'change_vs_previous', indicator: r.indicator ?? '', thresholdPercent: r.thresholdPercent ?? 0 };
        default:
          return { ...base, kind: r.kind, indicator: r.indicator ?? '' };
      }
    }),
  };
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export async function saveDraft(cycleId: string, unitId: string, version: number, content: SubmissionContent): Promise<Submission> {
  return call(
    api.PUT('/cycles/{cycleId}/units/{unitId}/submission/draft', {
      params: { path: { cycleId, unitId } },
      headers: ifMatch(version),
      body: content as Schemas['SubmissionContentDto'],
    }),
  );
}

export async function submitSubmission(cycleId: string, unitId: string, version: number, content: SubmissionContent): Promise<Submission> {
  return call(
    api.POST('/cycles/{cycleId}/units/{unitId}/submission/submit', {
      params: { path: { cycleId, unitId } },
      headers: ifMatch(version),
      body: { content: content as Schemas['SubmissionContentDto'] },
    }),
  );
}

export function useSetSubmission() {
  const qc = useQueryClient();
  return (s: Submission) => {
    qc.setQueryData(submissionKey(s.cycleId, s.unitId), s);
    void qc.invalidateQueries({ queryKey: ['assignments'] });
  };
}

export const ASSIGNMENTS_PAGE = 20;

/** "Việc của tôi": most urgent first, page by page. */
export function useAssignments() {
  return useInfiniteQuery({
    queryKey: ['assignments'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/me/assignments', { params: { query: { limit: ASSIGNMENTS_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const STATUS_LABELS: Record<string, string> = {
  not_started: 'Chưa nộp',
  draft: 'Đang soạn',
  submitted: 'Đã nộp, chờ duyệt',
  returned: 'Bị trả lại',
  resubmitted: 'Đã nộp lại, chờ duyệt',
  approved: 'Đã duyệt',
};
