import { assertNever, type Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import { latenessAgainst, requireIsoDate, requireIsoInstant } from '../shared/iso-date';
import { cleanText, nfc, requireNonBlank } from '../shared/text';
import { checkFigures, errorsOf, warningsOf, type Violation } from '../templates/figure-check';
import { requireContentForUnitKind } from '../templates/unit-kind-scope';
import {
  flattenSections,
  isQualifier,
  QUALIFIERS,
  type FigureValue,
  type Figures,
  type ReportTemplate,
} from '../templates/report-template';
import type { ApproveSubmission, CorrectSubmission, ReturnSubmission, SaveDraft, Submit, SubmissionCommand } from './submission.commands';
import { diffVersions } from './submission.diff';
import type { SubmissionEvent } from './submission.events';
import { latestVersion, type Narrative, type ReturnReason, type SubmissionContent, type SubmissionState } from './submission.model';

export function initialSubmissionState(): SubmissionState {
  return { status: 'not_started', versions: [], returns: [] };
}

export function decideSubmission(command: SubmissionCommand, state: SubmissionState): SubmissionEvent[] {
  const key = streamKey(command.data, state);
  switch (command.type) {
    case 'SaveDraft':
      return saveDraft(command, state, key);
    case 'Submit':
      return submit(command, state, key);
    case 'ReturnSubmission':
      return returnSubmission(command, state, key);
    case 'ApproveSubmission':
      return approve(command, state, key);
    case 'CorrectSubmission':
      return correct(command, state, key);
    default:
      return assertNever(command, 'submission command');
  }
}

export function evolveSubmission(state: SubmissionState, event: SubmissionEvent): SubmissionState {
  const { cycleId, unitId } = event.data;
  switch (event.type) {
    case 'SubmissionDraftSaved':
      return {
        ...state,
        cycleId,
        unitId,
        status: state.status === 'not_started' ? 'draft' : state.status,
        draft: { figures: event.data.figures, narrative: event.data.narrative },
      };
    case 'SubmissionSubmitted': {
      const d = event.data;
      return {
        ...state,
        cycleId,
        unitId,
        status: d.resubmission ? 'resubmitted' : 'submitted',
        draft: { figures: d.figures, narrative: d.narrative },
        versions: [
          ...state.versions,
          {
            version: d.version,
            kind: 'submission',
            figures: d.figures,
            narrative: d.narrative,
            submittedAt: d.submittedAt,
            deadline: d.deadline,
            late: d.late,
            daysLate: d.daysLate,
            warnings: d.warnings,
            ...(d.source ? { source: d.source } : {}),
          },
        ],
      };
    }
    case 'SubmissionReturned':
      return { ...state, status: 'returned', returns: [...state.returns, { version: event.data.version, reasons: event.data.reasons }] };
    case 'SubmissionApproved':
      return { ...state, status: 'approved', approvedVersion: event.data.version };
    case 'SubmissionCorrected': {
      const d = event.data;
      return {
        ...state,
        draft: { figures: d.figures, narrative: d.narrative },
        approvedVersion: d.version,
        versions: [
          ...state.versions,
          {
            version: d.version,
            kind: 'correction',
            figures: d.figures,
            narrative: d.narrative,
            submittedAt: d.correctedAt,
            late: false,
            daysLate: 0,
            warnings: d.warnings,
            reason: d.reason,
          },
        ],
      };
    }
    default:
      return assertNever(event, 'submission event');
  }
}

export const submissionDecider: Decider<SubmissionCommand, SubmissionEvent, SubmissionState> = {
  decide: decideSubmission,
  evolve: evolveSubmission,
  initialState: initialSubmissionState,
};

// ---------------------------------------------------------------------------------------------------------

type StreamKey = { cycleId: string; unitId: string };

function streamKey(data: StreamKey, state: SubmissionState): StreamKey {
  const cycleId = requireNonBlank(data.cycleId, 'cycleId', 'Kỳ báo cáo');
  const unitId = requireNonBlank(data.unitId, 'unitId', 'Đơn vị');
  if ((state.cycleId !== undefined && state.cycleId !== cycleId) || (state.unitId !== undefined && state.unitId !== unitId)) {
    throw invalid(
      'SUBMISSION_STREAM_MISMATCH',
      `command for ${cycleId}/${unitId} sent to the submission of ${state.cycleId}/${state.unitId}`,
      'Báo cáo không thuộc kỳ báo cáo hoặc đơn vị này.',
      { expected: { cycleId: state.cycleId, unitId: state.unitId }, got: { cycleId, unitId } },
    );
  }
  return { cycleId, unitId };
}

function saveDraft(command: SaveDraft, state: SubmissionState, key: StreamKey): SubmissionEvent[] {
  if (state.status === 'approved') throw alreadyApproved('SaveDraft');
  if (state.status === 'submitted' || state.status === 'resubmitted') {
    throw conflict(
      'SUBMISSION_UNDER_REVIEW',
      'the submission is under review; it can be edited once returned',
      'Báo cáo đang chờ thẩm định; chỉ sửa được khi bị trả lại.',
      { status: state.status },
    );
  }
  const figures = normalizeFigures(command.data.figures);
  const narrative = normalizeNarrative(command.data.narrative);
  if (command.data.template && command.data.unitKind)
    requireContentForUnitKind(command.data.template, command.data.unitKind, { figures, narrative });
  return [{ type: 'SubmissionDraftSaved', data: { ...key, figures, narrative } }];
}

function submit(command: Submit, state: SubmissionState, key: StreamKey): SubmissionEvent[] {
  if (state.status === 'approved') throw alreadyApproved('Submit');
  if (state.status === 'submitted' || state.status === 'resubmitted') {
    throw conflict(
      'SUBMISSION_ALREADY_SUBMITTED',
      `version ${state.versions.length} is already submitted and awaiting review`,
      'Báo cáo đã được gửi và đang chờ thẩm định.',
      { status: state.status, version: state.versions.length },
    );
  }
  const d = command.data;
  const submittedAt = requireIsoInstant(d.now, 'now');
  const deadline = requireIsoDate(d.effectiveDeadline, 'effectiveDeadline');
  const raw = d.content ?? state.draft;
  const content: SubmissionContent = {
    figures: normalizeFigures(raw?.figures ?? {}),
    narrative: normalizeNarrative(raw?.narrative ?? {}),
  };
  if (Object.keys(content.figures).length === 0 && Object.keys(content.narrative).length === 0) {
    throw invalid(
      'SUBMISSION_EMPTY',
      'nothing to submit: no figures and no narrative',
      'Báo cáo chưa có số liệu và nội dung, không thể gửi.',
    );
  }
  if (d.unitKind) requireContentForUnitKind(d.template, d.unitKind, content);
  const warnings = checkContent(d.template, content);
  const { late, daysLate } = latenessAgainst(submittedAt, deadline);
  return [
    {
      type: 'SubmissionSubmitted',
      data: {
        ...key,
        version: state.versions.length + 1,
        resubmission: state.status === 'returned',
        submittedAt,
        deadline,
        late,
        daysLate,
        templateId: d.template.id,
        templateVersion: d.template.version,
        figures: content.figures,
        narrative: content.narrative,
        warnings,
        ...(d.source ? { source: d.source } : {}),
      },
    },
  ];
}

function returnSubmission(command: ReturnSubmission, state: SubmissionState, key: StreamKey): SubmissionEvent[] {
  const version = requireUnderReview(state, 'ReturnSubmission', command.data.version);
  const reasons: ReturnReason[] = [];
  for (const r of command.data.reasons ?? []) {
    const reason = typeof r?.reason === 'string' ? nfc(r.reason).trim() : '';
    if (reason === '') continue;
    const sectionCode = typeof r.sectionCode === 'string' ? r.sectionCode.trim() : '';
    reasons.push(sectionCode !== '' ? { sectionCode, reason } : { reason });
  }
  if (reasons.length === 0) {
    throw invalid(
      'SUBMISSION_RETURN_REASON_REQUIRED',
      'a return needs at least one non-blank reason',
      'Cần nêu ít nhất một lý do trả lại báo cáo.',
      { field: 'reasons' },
    );
  }
  return [{ type: 'SubmissionReturned', data: { ...key, version, reasons } }];
}

function approve(command: ApproveSubmission, state: SubmissionState, key: StreamKey): SubmissionEvent[] {
  const version = requireUnderReview(state, 'ApproveSubmission', command.data.version);
  return [{ type: 'SubmissionApproved', data: { ...key, version } }];
}

function correct(command: CorrectSubmission, state: SubmissionState, key: StreamKey): SubmissionEvent[] {
  if (state.status !== 'approved') {
    throw conflict(
      'SUBMISSION_NOT_APPROVED',
      `only an approved submission can be corrected (status ${state.status})`,
      'Chỉ điều chỉnh được báo cáo đã được duyệt.',
      { status: state.status },
    );
  }
  const d = command.data;
  const reason = cleanText(requireNonBlank(d.reason, 'reason', 'Lý do điều chỉnh', 'SUBMISSION_CORRECTION_REASON_REQUIRED'));
  const correctedAt = requireIsoInstant(d.now, 'now');
  const content: SubmissionContent = { figures: normalizeFigures(d.figures), narrative: normalizeNarrative(d.narrative) };
  const warnings = checkContent(d.template, content);
  const current = latestVersion(state);
  if (current && diffVersions(current, content).unchanged) {
    throw invalid(
      'SUBMISSION_CORRECTION_NO_CHANGE',
      'the correction changes nothing',
      'Nội dung điều chỉnh không khác phiên bản đã duyệt.',
      { version: current.version },
    );
  }
  return [
    {
      type: 'SubmissionCorrected',
      data: {
        ...key,
        version: state.versions.length + 1,
        correctsVersion: state.approvedVersion ?? state.versions.length,
        correctedAt,
        reason,
        templateId: d.template.id,
        templateVersion: d.template.version,
        figures: content.figures,
        narrative: content.narrative,
        warnings,
      },
    },
  ];
}

/** Status must be submitted/resubmitted; `seen`, when given, must be the latest version. Returns it. */
function requireUnderReview(state: SubmissionState, command: string, seen: number | undefined): number {
  if (state.status !== 'submitted' && state.status !== 'resubmitted') {
    throw conflict(
      'SUBMISSION_NOT_SUBMITTED',
      `${command}: the submission is not awaiting review (status ${state.status})`,
      'Báo cáo không ở trạng thái chờ thẩm định.',
      { command, status: state.status },
    );
  }
  const latest = state.versions.length;
  if (seen !== undefined && seen !== latest) {
    throw conflict(
      'SUBMISSION_VERSION_MISMATCH',
      `${command} for version ${seen}, but the latest is ${latest}`,
      `Báo cáo đã có phiên bản mới (lần ${latest}); đề nghị xem lại trước khi xử lý.`,
      { command, seen, latest },
    );
  }
  return latest;
}

/** Unknown sections and error-severity figure violations reject (422); warnings are returned for the event. */
function checkContent(template: ReportTemplate, content: SubmissionContent): Violation[] {
  const sections = new Set(flattenSections(template.sections).map((s) => s.code));
  const unknownSections = Object.keys(content.narrative).filter((code) => !sections.has(code));
  if (unknownSections.length > 0) {
    throw invalid(
      'SUBMISSION_UNKNOWN_SECTION',
      `narrative for sections not in the template: ${unknownSections.join(', ')}`,
      `Mục ${unknownSections.join(', ')} không có trong mẫu báo cáo.`,
      { sectionCodes: unknownSections },
    );
  }
  const violations = checkFigures(template, content.figures);
  const errors = errorsOf(violations);
  if (errors.length > 0) {
    throw invalid(
      'SUBMISSION_FIGURES_INVALID',
      `${errors.length} figure error(s): ${errors.map((e) => e.code).join(', ')}`,
      `Số liệu có ${errors.length} lỗi cần sửa trước khi gửi.`,
      { violations: errors },
    );
  }
  return warningsOf(violations);
}

function alreadyApproved(command: string) {
  return conflict(
    'SUBMISSION_APPROVED',
    `${command}: the submission is approved and final in this cycle`,
    'Báo cáo đã được duyệt, không thể thay đổi.',
    { command },
  );
}

/**
 * Copies figures keeping only the value fields and the qualifier. The shape is checked against the
 * indicator only on submit (drafts may be incomplete), but a value must at least be numbers.
 */
function normalizeFigures(figures: Figures): Figures {
  const out: Figures = {};
  for (const [rawCode, v] of Object.entries(figures ?? {})) {
    const code = rawCode.trim();
    const value = v as Partial<Record<'value' | 'numerator' | 'denominator' | 'qualifier' | 'cells' | 'rows', unknown>> | null;
    const qualifier = value?.qualifier;
    let figure: FigureValue;
    const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    if (value && (isPlainRecord(value.cells) || isPlainRecord(value.rows))) {
      // A table: its cells are checked against the indicator's columns on submit (checkFigures).
      out[code] = isPlainRecord(value.cells)
        ? { cells: { ...value.cells } as Record<string, number> }
        : { rows: structuredCopy(value.rows) as Record<string, Record<string, number>> };
      continue;
    } else if (value && finite(value.value)) {
      figure = { value: value.value };
    } else if (value && finite(value.numerator) && finite(value.denominator)) {
      figure = { numerator: value.numerator, denominator: value.denominator };
    } else {
      throw invalid(
        'SUBMISSION_FIGURE_MALFORMED',
        `figure ${code} is neither {value} nor {numerator, denominator}`,
        `Số liệu của chỉ tiêu "${code}" không đúng định dạng.`,
        { indicatorCode: code },
      );
    }
    if (qualifier !== undefined && qualifier !== null) {
      // Whether the indicator allows it is a rule checked on submit; that it is one of the qualifiers is shape.
      if (!isQualifier(qualifier)) {
        throw invalid(
          'SUBMISSION_FIGURE_MALFORMED',
          `figure ${code} has a qualifier that is not one of ${QUALIFIERS.join(', ')}`,
          `Số liệu của chỉ tiêu "${code}" có ghi chú không hợp lệ.`,
          { indicatorCode: code },
        );
      }
      figure.qualifier = qualifier;
    }
    out[code] = figure;
  }
  return out;
}

function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function structuredCopy(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

/** NFC, trimmed; blank sections are dropped (a blank section is an absent one). */
function normalizeNarrative(narrative: Narrative): Narrative {
  const out: Narrative = {};
  for (const [rawCode, text] of Object.entries(narrative ?? {})) {
    const cleaned = typeof text === 'string' ? nfc(text).trim() : '';
    if (cleaned !== '') out[rawCode.trim()] = cleaned;
  }
  return out;
}
