/**
 * Renders the demo report (demo-report.ts) to DOCX, converts it to PDF with LibreOffice and the first page
 * to PNG with pdftoppm (poppler-utils), for a person to look at the layout.
 *
 *   npx tsc -p tsconfig.build.json && node dist/libs/documents/src/render-sample.js [out.png]
 *
 * Default output: docs/sample-report-page1.png under the current directory. The DOCX and PDF stay in a
 * temporary directory whose path is printed. Needs `soffice` (or `libreoffice`) and `pdftoppm` on PATH.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { demoReport } from './demo-report';
import { renderDocx } from './docx-renderer';

function which(program: string): string | undefined {
  try {
    return execFileSync('which', [program], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(process.cwd(), 'docs', 'sample-report-page1.png'));
  const soffice = which('soffice') ?? which('libreoffice');
  const pdftoppm = which('pdftoppm');
  if (!soffice || !pdftoppm) {
    throw new Error(`needs soffice/libreoffice and pdftoppm on PATH (found soffice: ${soffice ?? 'no'}, pdftoppm: ${pdftoppm ?? 'no'})`);
  }
  const work = mkdtempSync(join(tmpdir(), 'kybaocao-sample-'));
  const docx = join(work, 'sample-report.docx');
  writeFileSync(docx, await renderDocx(demoReport()));
  // A private profile directory: a running or first-time LibreOffice profile must not block the conversion.
  execFileSync(
    soffice,
    [`-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx],
    { stdio: 'inherit' },
  );
  execFileSync(pdftoppm, ['-png', '-r', '110', join(work, 'sample-report.pdf'), join(work, 'page')], { stdio: 'inherit' });
  const pages = readdirSync(work)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort();
  if (pages.length === 0) throw new Error(`pdftoppm produced no page in ${work}`);
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(join(work, pages[0]), out);
  process.stdout.write(`DOCX, PDF and ${pages.length} page image(s) in ${work}\nfirst page: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
