import { Input } from 'antd';
import { useState, type ReactNode } from 'react';
import type { OfficialDocument, Run } from '@domain/document/document.model';
import type { Passage } from '@domain/report/passages';
import { CommentCard, CommentForm } from './ReportComments';
import { onActivate, ReportDocument, type PassageSlot } from './ReportDocument';
import type { ReportCommentView, ReportView, VersionView } from './report.hooks';
import { figureTokens } from './revise.model';

export interface EditState {
  /** passage id → the paragraph's new text */
  edits: ReadonlyMap<string, string>;
  onEdit: (passageId: string, text: string) => void;
}

/**
 * The version's passages with what each role does on them: Thường trực click (or select words in) a passage to
 * comment, comments beside it; the office edits paragraphs in place (editing); figures that came from
 * submissions are marked, and — where a click does not mean "comment" — open their sources (onFigure);
 * the checks' warnings stand beside the passage they concern.
 */
export function Passages({
  cycleId,
  report,
  version,
  commentable,
  resolvable,
  editing,
  onFigure,
  warnings,
}: {
  cycleId: string;
  report: ReportView;
  version: VersionView;
  commentable: boolean;
  resolvable: boolean;
  editing: EditState | null;
  onFigure?: (passageId: string, figure: string) => void;
  warnings: ReadonlyMap<string, string[]>;
}) {
  const [selected, setSelected] = useState<{ passageId: string; quote?: string } | null>(null);
  const byPassage = new Map<string, ReportCommentView[]>();
  for (const c of report.comments.filter((x) => x.version === version.version)) {
    byPassage.set(c.anchor.passageId, [...(byPassage.get(c.anchor.passageId) ?? []), c]);
  }
  const canComment = commentable && !editing;

  const pick = (passageId: string, text: string) => {
    const chosen = window.getSelection()?.toString().trim();
    setSelected({ passageId, ...(chosen && text.includes(chosen) && chosen !== text ? { quote: chosen } : {}) });
  };

  const renderRunText = (run: Run, paragraphId: string): ReactNode => {
    // A passage one clicks to comment on is one button named by its text: its figures are not marked inside it.
    if (!run.provenance?.indicators.length || canComment) return run.text;
    return figureTokens(run.text).map((t, i) => {
      if (!t.figure) return <span key={i}>{t.text}</span>;
      if (onFigure) {
        return (
          <button
            key={i}
            type="button"
            className="figure-mark"
            aria-label={`${t.text}: xem nguồn số liệu`}
            onClick={(e) => {
              e.stopPropagation();
              onFigure(paragraphId, t.text);
            }}
          >
            {t.text}
          </button>
        );
      }
      return (
        <mark key={i} className="figure-mark">
          {t.text}
        </mark>
      );
    });
  };

  const render = ({ passage, content, footnoteNo }: PassageSlot): ReactNode => {
    const comments = passage.id ? (byPassage.get(passage.id) ?? []) : [];
    const warned = passage.id ? (warnings.get(passage.id) ?? []) : [];
    const isSelected = selected?.passageId === passage.id && passage.id !== '';
    const clickable = canComment && passage.id !== '';
    const editable = editing && passage.kind === 'paragraph' && /^s[\d.]+\/p\d+$/.test(passage.id);
    const shown = editable ? (
      <Input.TextArea
        className="passage-editor"
        autoSize={{ minRows: 2 }}
        aria-label={`Sửa đoạn văn bắt đầu “${passage.text.split(' ').slice(0, 8).join(' ')}…”`}
        value={editing.edits.get(passage.id) ?? passage.text}
        onChange={(e) => editing.onEdit(passage.id, e.target.value)}
      />
    ) : (
      content
    );
    return (
      <div
        className={`passage-row${isSelected ? ' selected' : ''}${comments.length ? ' has-comments' : ''}${warned.length ? ' has-warnings' : ''}`}
      >
        <div
          className={`passage${clickable ? ' clickable' : ''}`}
          {...(clickable
            ? {
                // A heading keeps its role (a button's content is presentational); it is still focusable and clickable.
                ...(passage.kind === 'heading'
                  ? {}
                  : {
                      // Named by its own text (a paragraph's footnote marks read "chú thích N"); a footnote says which it is.
                      role: 'button',
                      'aria-pressed': isSelected,
                      ...(footnoteNo ? { 'aria-label': `Chú thích ${footnoteNo}: ${passage.text}` } : {}),
                    }),
                tabIndex: 0,
                onClick: () => pick(passage.id, passage.text),
                onKeyDown: onActivate(() => pick(passage.id, passage.text)),
              }
            : {})}
        >
          {shown}
        </div>
        <aside className="passage-notes" aria-label={comments.length || isSelected || warned.length ? 'Ý kiến về đoạn này' : undefined}>
          {warned.map((w) => (
            <div key={w} className="passage-warning" role="note" aria-label="Cảnh báo số liệu">
              {w}
            </div>
          ))}
          {comments.map((c) => (
            <CommentCard key={c.commentId} cycleId={cycleId} report={report} comment={c} resolvable={resolvable} />
          ))}
          {isSelected && (
            <CommentForm cycleId={cycleId} report={report} version={version.version} target={selected!} onDone={() => setSelected(null)} />
          )}
        </aside>
      </div>
    );
  };

  return (
    <div className="report-sheet">
      {/* The API's document and passages are the domain's own (OfficialDocument, passagesOf), read by its layout functions. */}
      <ReportDocument
        document={version.document as OfficialDocument}
        passages={version.passages as Passage[]}
        renderPassage={render}
        renderRunText={renderRunText}
      />
    </div>
  );
}
