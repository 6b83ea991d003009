import { Fragment, type KeyboardEvent, type ReactNode } from 'react';
import type { BodySection, OfficialDocument, Run } from '@domain/document/document.model';
import { finalBody, headerColumns, recipientLines, signatureLines, titleLines } from '@domain/document/official-document';
import type { Passage } from '@domain/report/passages';

/**
 * A report version laid out as the document reads: the header columns, type and title, headings, paragraphs
 * with their footnotes, the signature block and Nơi nhận. Every passage (what a comment anchors to) is one
 * block; `renderPassage` wraps it (click to comment, its comments beside it). Passage ids never reach the
 * screen: they are taken in order from the domain's passagesOf, the same list the API anchors comments to.
 */
export interface PassageSlot {
  passage: Passage;
  /** Footnote number (1, 2 …) when the passage is a footnote. */
  footnoteNo?: number;
  content: ReactNode;
}

export function ReportDocument({
  document: doc,
  passages,
  renderPassage,
  renderRunText,
}: {
  document: OfficialDocument;
  passages: readonly Passage[];
  renderPassage: (slot: PassageSlot) => ReactNode;
  /** How a run's text is shown (figures from submissions marked); default: as it is. */
  renderRunText?: (run: Run, paragraphId: string) => ReactNode;
}) {
  const byId = new Map(passages.map((p) => [p.id, p] as const));
  const header = headerColumns(doc);
  const [typeLine] = titleLines(doc);
  const signature = signatureLines(doc.signature);
  const recipients = recipientLines(doc);
  let footnoteNo = 0;

  const slot = (id: string, content: (p: Passage) => ReactNode, extra: Partial<PassageSlot> = {}) => {
    const passage = byId.get(id);
    return passage ? <Fragment key={id}>{renderPassage({ passage, content: content(passage), ...extra })}</Fragment> : null;
  };

  const section = (s: BodySection, path: string): ReactNode => (
    <div key={path} className="doc-section">
      {s.heading &&
        slot(path, () => (
          <div className={`doc-heading level-${s.headingLevel ?? 2}`} role="heading" aria-level={Math.min(6, (s.headingLevel ?? 2) + 1)}>
            {(s.heading ?? '').split('\n').map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        ))}
      {s.paragraphs.map((p, j) => {
        const pid = `${path}/p${j + 1}`;
        const notes: { id: string; no: number }[] = [];
        const runs = p.runs.map((r, k) => {
          let mark: ReactNode = null;
          if (r.footnote !== undefined) {
            footnoteNo += 1;
            notes.push({ id: `${pid}/f${notes.length + 1}`, no: footnoteNo });
            mark = (
              <sup className="doc-fn-mark" aria-label={`chú thích ${footnoteNo}`}>
                {footnoteNo}
              </sup>
            );
          }
          const cls = [r.bold ? 'b' : '', r.italic ? 'i' : ''].join(' ').trim() || undefined;
          return (
            <span key={k} className={cls}>
              {renderRunText ? renderRunText(r, pid) : r.text}
              {mark}
            </span>
          );
        });
        return (
          <div key={pid}>
            {slot(pid, () => (
              <p className={`doc-paragraph align-${p.align ?? 'justify'}`}>{runs}</p>
            ))}
            {notes.map((n) =>
              slot(
                n.id,
                (fp) => (
                  <p className="doc-footnote">
                    <sup>{n.no}</sup> {fp.text}
                  </p>
                ),
                { footnoteNo: n.no },
              ),
            )}
          </div>
        );
      })}
      {(s.sections ?? []).map((sub, i) => section(sub, `${path}.${i + 1}`))}
    </div>
  );

  const body = finalBody(doc);
  return (
    <article className="doc" aria-label="Nội dung văn bản">
      {renderPassage({
        passage: { id: '', kind: 'heading', text: '' },
        content: (
          <div className="doc-header">
            <div>
              {header.left.map((l, i) => (
                <div key={i} className={[l.bold ? 'b' : '', l.ruleBelow ? 'rule' : ''].join(' ')}>
                  {l.text}
                </div>
              ))}
            </div>
            <div>
              {header.right.map((l, i) => (
                <div key={i} className={[l.bold ? 'b' : '', l.italic ? 'i' : '', l.ruleBelow ? 'rule' : ''].join(' ')}>
                  {l.text}
                </div>
              ))}
            </div>
          </div>
        ),
      })}
      {renderPassage({ passage: { id: '', kind: 'heading', text: '' }, content: <div className="doc-type">{typeLine}</div> })}
      {slot('t', (p) => (
        <div className="doc-title">{p.text}</div>
      ))}
      {body.map((s, i) => section(s, `s${i + 1}`))}
      {renderPassage({
        passage: { id: '', kind: 'heading', text: '' },
        content: (
          <div className="doc-signature">
            {signature.authorityLine && <div className="b">{signature.authorityLine}</div>}
            <div className="b">{signature.titleLine}</div>
            <div className="doc-signature-space" />
            <div className="b">{signature.name}</div>
          </div>
        ),
      })}
      {renderPassage({
        passage: { id: '', kind: 'heading', text: '' },
        content: <div className="doc-recipients-head">{recipients[0]}</div>,
      })}
      {doc.recipients.map((_, i) => slot(`r${i + 1}`, () => <div className="doc-recipient">{recipients[i + 1]}</div>))}
      {renderPassage({ passage: { id: '', kind: 'heading', text: '' }, content: <div className="doc-recipient">{recipients.at(-1)}</div> })}
    </article>
  );
}

/** Enter or Space on a focusable block acts like a click (a passage one comments on). */
export function onActivate(handler: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      handler();
    }
  };
}
