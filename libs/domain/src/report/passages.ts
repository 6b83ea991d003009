import { diffArrays, diffWordsWithSpace } from 'diff';
import type { BodySection, OfficialDocument, Recipient } from '../document/document.model';
import { nfc } from '../shared/text';

/**
 * A passage: the smallest piece of a report version a comment anchors to and a diff compares — the title, a
 * heading, a paragraph, a footnote, a line of Nơi nhận. Ids are positional within one version ("s2.1/p3":
 * third paragraph of the first sub-section of the second section; "…/f1": that paragraph's first footnote);
 * a comment names the version it was made on, so the id never has to survive a revision.
 */
export interface Passage {
  id: string;
  kind: 'title' | 'heading' | 'paragraph' | 'footnote' | 'recipient';
  text: string;
}

export function passagesOf(doc: Pick<OfficialDocument, 'title' | 'body' | 'recipients'>): Passage[] {
  const out: Passage[] = [{ id: 't', kind: 'title', text: nfc(doc.title) }];
  const visit = (sections: readonly BodySection[], prefix: string) => {
    sections.forEach((s, i) => {
      const path = prefix === '' ? `s${i + 1}` : `${prefix}.${i + 1}`;
      if (s.heading) out.push({ id: path, kind: 'heading', text: nfc(s.heading) });
      s.paragraphs.forEach((p, j) => {
        const pid = `${path}/p${j + 1}`;
        out.push({ id: pid, kind: 'paragraph', text: nfc(p.runs.map((r) => r.text).join('')) });
        p.runs
          .filter((r) => r.footnote !== undefined)
          .forEach((r, k) => out.push({ id: `${pid}/f${k + 1}`, kind: 'footnote', text: nfc(r.footnote!) }));
      });
      visit(s.sections ?? [], path);
    });
  };
  visit(doc.body, '');
  doc.recipients.forEach((r: Recipient, i) =>
    out.push({ id: `r${i + 1}`, kind: 'recipient', text: nfc(`${r.name}${r.purpose ? ` (${r.purpose})` : ''}`) }),
  );
  return out;
}

export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export type PassageChange =
  | { kind: 'added'; to: Passage }
  | { kind: 'removed'; from: Passage }
  | { kind: 'changed'; from: Passage; to: Passage; words: WordChange[] };

/**
 * What changed from one version to another, passage by passage in document order: passages aligned on their
 * text (jsdiff's diffArrays); a run of removed passages directly followed by added ones of the same kind is
 * paired as "changed" with a word-level diff, so an edited sentence reads as an edit, not a delete + insert.
 */
export function diffPassages(before: readonly Passage[], after: readonly Passage[]): PassageChange[] {
  const key = (p: Passage) => `${p.kind}\u0000${p.text}`;
  const parts = diffArrays(before.map(key), after.map(key));
  const changes: PassageChange[] = [];
  let i = 0;
  let j = 0;
  for (let n = 0; n < parts.length; n++) {
    const part = parts[n];
    const count = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      i += count;
      j += count;
      continue;
    }
    if (part.removed) {
      const removed = before.slice(i, i + count);
      i += count;
      const next = parts[n + 1];
      const added = next?.added ? after.slice(j, j + (next.count ?? next.value.length)) : [];
      if (next?.added) {
        j += added.length;
        n++;
      }
      const paired = Math.min(removed.length, added.length);
      let a = 0;
      for (let r = 0; r < removed.length; r++) {
        const candidate = added[a];
        if (a < paired && candidate && candidate.kind === removed[r].kind) {
          changes.push({ kind: 'changed', from: removed[r], to: candidate, words: wordDiff(removed[r].text, candidate.text) });
          a++;
        } else {
          changes.push({ kind: 'removed', from: removed[r] });
        }
      }
      for (; a < added.length; a++) changes.push({ kind: 'added', to: added[a] });
      continue;
    }
    for (const p of after.slice(j, j + count)) changes.push({ kind: 'added', to: p });
    j += count;
  }
  return changes;
}

function wordDiff(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before, after).map((c) => ({
    value: c.value,
    ...(c.added ? { added: true } : {}),
    ...(c.removed ? { removed: true } : {}),
  }));
}
