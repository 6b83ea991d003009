import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type TemplateDto = Schemas['TemplateDto'];
export type TemplateSummary = Schemas['TemplateSummaryDto'];
export type SectionDto = TemplateDto['sections'][number];
export type IndicatorDto = TemplateDto['indicators'][number];
export type RuleDto = TemplateDto['rules'][number];

export function useTemplateList() {
  return useQuery({ queryKey: ['templates'], queryFn: () => call(api.GET('/templates')) });
}

/** The latest version of a template (what the editor starts from; its version goes back as If-Match). */
export function useLatestTemplate(templateId: string) {
  return useQuery({
    queryKey: ['template-latest', templateId],
    enabled: templateId !== '',
    queryFn: () => call(api.GET('/templates/{templateId}', { params: { path: { templateId } } })),
  });
}

/** "Sao chép": the office's own template, version 1, starting from the latest version of another. */
export function useCopyTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { id: string; copyOf: string; title: string }) => call(api.POST('/templates', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['templates'] }),
  });
}

/** "Ban hành": publishes version n + 1 when nobody published since `baseVersion` (If-Match), else 409. */
export function usePublishTemplate(templateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ template, baseVersion }: { template: TemplateDto; baseVersion: number }) =>
      call(
        api.PUT('/templates/{templateId}', {
          params: { path: { templateId }, header: { 'If-Match': `"${baseVersion}"` } },
          body: {
            title: template.title,
            sections: template.sections,
            indicators: template.indicators,
            rules: template.rules,
            ...(template.document ? { document: template.document } : {}),
          },
        }),
      ),
    onSuccess: (published) => {
      qc.setQueryData(['template-latest', templateId], published);
      return qc.invalidateQueries({ queryKey: ['templates'] });
    },
  });
}
