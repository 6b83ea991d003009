import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfConverter, PdfUnavailableError } from './pdf-converter';

/**
 * The queue and the cache, with a stand-in for LibreOffice: a script that logs when it starts and ends,
 * waits, and writes "PDF of <the docx>" where soffice would write report.pdf.
 */
describe('PdfConverter', () => {
  let dir: string;
  let soffice: string;
  let log: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdf-converter-spec-'));
    soffice = join(dir, 'fake-soffice');
    log = join(dir, 'log');
    await writeFile(
      soffice,
      `#!/bin/sh
for a; do last="$a"; done
outdir=$(dirname "$last")
echo start >> '${log}'
sleep 0.3
{ printf 'PDF of '; cat "$last"; } > "$outdir/report.pdf"
echo end >> '${log}'
`,
    );
    await chmod(soffice, 0o755);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const maxConcurrent = async () => {
    let running = 0;
    let max = 0;
    for (const line of (await readFile(log, 'utf8')).trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      max = Math.max(max, running);
    }
    return max;
  };

  it('runs at most `concurrency` conversions at once; the others wait and all finish', async () => {
    const converter = new PdfConverter({ concurrency: 2, programs: [soffice] });
    const pdfs = await Promise.all([1, 2, 3, 4, 5].map((n) => converter.convert(`doc-${n}`, async () => Buffer.from(`docx ${n}`))));
    expect(pdfs.map(String)).toEqual([1, 2, 3, 4, 5].map((n) => `PDF of docx ${n}`));
    expect(await maxConcurrent()).toBe(2);
    expect(
      (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .filter((l) => l === 'start'),
    ).toHaveLength(5);
  });

  it('with concurrency 1, one conversion at a time', async () => {
    const converter = new PdfConverter({ concurrency: 1, programs: [soffice] });
    await Promise.all([1, 2, 3].map((n) => converter.convert(`doc-${n}`, async () => Buffer.from(`docx ${n}`))));
    expect(await maxConcurrent()).toBe(1);
  });

  it('converts a report version once: a second download, and a concurrent one, are served from the cache', async () => {
    const converter = new PdfConverter({ programs: [soffice] });
    let rendered = 0;
    const docx = async () => {
      rendered += 1;
      return Buffer.from('version 3');
    };
    const [a, b] = await Promise.all([converter.convert('report-x@3', docx), converter.convert('report-x@3', docx)]);
    const c = await converter.convert('report-x@3', docx);
    expect([a, b, c].map(String)).toEqual(['PDF of version 3', 'PDF of version 3', 'PDF of version 3']);
    expect(rendered).toBe(1);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['start', 'end']);
    // Another version (another key) is converted.
    expect(String(await converter.convert('report-x@4', async () => Buffer.from('version 4')))).toBe('PDF of version 4');
  });

  it('keeps at most `cacheEntries` documents, dropping the least recently used', async () => {
    const converter = new PdfConverter({ programs: [soffice], cacheEntries: 2 });
    const docx = (n: string) => async () => Buffer.from(n);
    await converter.convert('a', docx('a'));
    await converter.convert('b', docx('b'));
    await converter.convert('a', docx('a')); // a used again: b is now the oldest
    await converter.convert('c', docx('c'));
    await converter.convert('a', docx('a')); // cached
    await converter.convert('b', docx('b')); // dropped: converted again
    expect(
      (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .filter((l) => l === 'start'),
    ).toHaveLength(4);
  });

  it('does not remember a failed conversion', async () => {
    const converter = new PdfConverter({ programs: [soffice] });
    await expect(
      converter.convert('k', async () => {
        throw new Error('render failed');
      }),
    ).rejects.toThrow('render failed');
    expect(String(await converter.convert('k', async () => Buffer.from('ok')))).toBe('PDF of ok');
  });

  it('refuses as PDF_UNAVAILABLE when LibreOffice is not installed', async () => {
    const converter = new PdfConverter({ programs: [join(dir, 'no-such-soffice')] });
    const error = await converter.convert('k', async () => Buffer.from('x')).catch((e) => e);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    expect(error.code).toBe('PDF_UNAVAILABLE');
  });
});
