import { decideSubmission, initialSubmissionState } from '../submission/submission.decider';
import { DomainError } from '../shared/domain-error';
import { BUILTIN_TEMPLATES } from './builtin-templates';
import { outOfScopeContent, requireContentForUnitKind } from './unit-kind-scope';

const template = BUILTIN_TEMPLATES.find((t) => t.id === 'mttq-doan-the-9-thang')!;
const key = { cycleId: 'c1', unitId: 'xa-son-binh' };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('content for the sections a kind of unit answers', () => {
  it("a commune may answer its own section (II.3) and the sections for every unit, not the organisations' (II.2)", () => {
    expect(
      outOfScopeContent(template, 'DANG_UY_XA', { figures: { XA_PBXH: { value: 1 } }, narrative: { 'III.1': 'x', 'II.3': 'y' } }),
    ).toEqual({ indicatorCodes: [], sectionCodes: [] });
    expect(
      outOfScopeContent(template, 'DANG_UY_XA', { figures: { TT_BUOI: { value: 3 }, XA_PBXH: { value: 1 } }, narrative: { 'II.2': 'z' } }),
    ).toEqual({ indicatorCodes: ['TT_BUOI'], sectionCodes: ['II.2'] });
    expect(outOfScopeContent(template, 'HND', { figures: { XA_PBXH: { value: 0 }, TT_BUOI: { value: 3 } }, narrative: {} })).toEqual({
      indicatorCodes: ['XA_PBXH'],
      sectionCodes: [],
    });
  });

  it('names the indicator in Vietnamese and lists every code', () => {
    const err = refusal(() =>
      requireContentForUnitKind(template, 'HND', { figures: { XA_PBXH: { value: 0 }, XA_DOI_THOAI: { value: 1 } }, narrative: {} }),
    );
    expect(err.code).toBe('SUBMISSION_NOT_FOR_UNIT_KIND');
    expect(err.messageVi).toBe(
      'Đơn vị thuộc loại "Hội Nông dân" không báo cáo chỉ tiêu "Tổ chức hội nghị phản biện xã hội" (và 1 nội dung khác) theo mẫu báo cáo này.',
    );
    expect(err.details).toEqual({ unitKind: 'HND', indicatorCodes: ['XA_PBXH', 'XA_DOI_THOAI'], sectionCodes: [] });
  });

  it("the submission decider refuses such a draft and such a submission, and accepts the unit's own sections", () => {
    const draft = (figures: Record<string, { value: number }>) =>
      decideSubmission(
        { type: 'SaveDraft', data: { ...key, figures, narrative: {}, template, unitKind: 'DANG_UY_XA' } },
        initialSubmissionState(),
      );
    expect(refusal(() => draft({ GS_CUOC: { value: 2 } })).code).toBe('SUBMISSION_NOT_FOR_UNIT_KIND');
    expect(draft({ XA_GIAM_SAT: { value: 1 } })[0].type).toBe('SubmissionDraftSaved');
    const submit = (figures: Record<string, { value: number }>) =>
      decideSubmission(
        {
          type: 'Submit',
          data: {
            ...key,
            now: '2026-10-01T03:00:00.000Z',
            effectiveDeadline: '2026-10-05',
            template,
            unitKind: 'DANG_UY_XA',
            content: { figures, narrative: {} },
          },
        },
        initialSubmissionState(),
      );
    expect(refusal(() => submit({ TT_BUOI: { value: 2 } })).details).toMatchObject({ indicatorCodes: ['TT_BUOI'] });
    expect(submit({ XA_PBXH: { value: 0 } })[0].type).toBe('SubmissionSubmitted');
  });
});
