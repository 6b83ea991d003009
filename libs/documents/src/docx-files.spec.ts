import JSZip from 'jszip';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { demoReport } from './demo-report';
import { DocxFiles } from './docx-files';
import { renderDocx } from './docx-renderer';

describe('DocxFiles: a document rendered once, however often it is downloaded', () => {
  const report = demoReport();
  const numbered: OfficialDocument = { ...report, number: { ...report.number, number: 8 }, date: '2026-12-25' };
  const xml = async (file: Buffer) => (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string');

  it('renders a document once for downloads one after another and at the same moment, the file as renderDocx makes it', async () => {
    const files = new DocxFiles();
    const printed = DocxFiles.printed(report);
    const [a, b] = await Promise.all([files.of(printed), files.of(DocxFiles.printed(report))]);
    const c = await files.of(printed);
    expect(files.renders).toBe(1);
    expect([a === b, b === c]).toEqual([true, true]);
    // The document's text as rendering it gives (the zip's timestamps aside).
    expect(await xml(a)).toBe(await xml(await renderDocx(report)));
  });

  it('reads a kept document’s JSON only to render it', async () => {
    const files = new DocxFiles();
    let reads = 0;
    const printed = { key: 'rendered-once', json: () => (reads++, JSON.stringify(report)) };
    await files.of(printed);
    await Promise.all([files.of(printed), files.of(printed)]);
    expect([files.renders, reads]).toEqual([1, 1]);
  });

  it('names a document by what it prints: the same version numbered is another file', async () => {
    const files = new DocxFiles();
    expect(DocxFiles.printed(numbered).key).not.toBe(DocxFiles.printed(report).key);
    expect(DocxFiles.printed({ ...report }).key).toBe(DocxFiles.printed(report).key);
    await files.of(DocxFiles.printed(report));
    await files.of(DocxFiles.printed(numbered));
    expect(files.renders).toBe(2);
    expect(await xml(await files.of(DocxFiles.printed(numbered)))).toBe(await xml(await renderDocx(numbered)));
  });

  it('keeps at most maxBytes of files: the least recently used is rendered again', async () => {
    // Room for one of the two (of about the same size), not both.
    const [a, b] = [(await renderDocx(report)).length, (await renderDocx(numbered)).length];
    expect(Math.min(a, b)).toBeGreaterThan(0.6 * Math.max(a, b));
    const files = new DocxFiles({ maxBytes: Math.round(1.5 * Math.max(a, b)) });
    await files.of(DocxFiles.printed(report));
    await files.of(DocxFiles.printed(numbered)); // both do not fit: the first is dropped
    await files.of(DocxFiles.printed(numbered));
    expect(files.renders).toBe(2);
    await files.of(DocxFiles.printed(report));
    expect(files.renders).toBe(3);
  });

  it('renders one document at a time', async () => {
    const files = new DocxFiles();
    let running = 0;
    let most = 0;
    const render = (files as unknown as { render: (json: string) => Promise<Buffer> }).render.bind(files);
    (files as unknown as { render: (json: string) => Promise<Buffer> }).render = async (json) => {
      most = Math.max(most, ++running);
      try {
        return await render(json);
      } finally {
        running--;
      }
    };
    await Promise.all([files.of(DocxFiles.printed(report)), files.of(DocxFiles.printed(numbered))]);
    expect([files.renders, most]).toEqual([2, 1]);
  });

  it('does not remember a rendering that failed', async () => {
    const files = new DocxFiles();
    const broken = DocxFiles.printed({ ...report, body: null } as unknown as OfficialDocument);
    await expect(files.of(broken)).rejects.toThrow();
    await expect(files.of(broken)).rejects.toThrow();
    expect(files.renders).toBe(2);
  });
});
