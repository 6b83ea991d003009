import danVanAnnual from './builtin/dan-van-annual.template.json';
import matTranNam from './builtin/mat-tran-nam.template.json';
import mttqDoanThe9Thang from './builtin/mttq-doan-the-9-thang.template.json';
import nhiemVuChinhTri9Thang from './builtin/nhiem-vu-chinh-tri-9-thang.template.json';
import soKetChiThi from './builtin/so-ket-chi-thi.template.json';
import type { ReportTemplate } from './report-template';
import { loadTemplate } from './template-loader';

/**
 * The built-in templates, data files under ./builtin, each checked by validateTemplate when loaded (a bad file
 * fails at start with the file and the problems named). Seeded as version 1 of their stream when absent.
 *  - dan-van-annual: Dân vận annual review + next year's tasks (Huyện ủy, Party format; reference/001);
 *  - mttq-doan-the-9-thang: MTTQ and mass organisations, 9 months + last 3 months (BTV Huyện ủy);
 *  - mat-tran-nam: the Front's annual report + next year's coordination programme (reference/002);
 *  - so-ket-chi-thi: thematic review of a directive at a request from above, with an annex (reference/003);
 *  - nhiem-vu-chinh-tri-9-thang: political tasks, 9 months + last 3 months (Huyện ủy).
 */
export const BUILTIN_TEMPLATE_FILES: Readonly<Record<string, unknown>> = {
  'dan-van-annual.template.json': danVanAnnual,
  'mttq-doan-the-9-thang.template.json': mttqDoanThe9Thang,
  'mat-tran-nam.template.json': matTranNam,
  'so-ket-chi-thi.template.json': soKetChiThi,
  'nhiem-vu-chinh-tri-9-thang.template.json': nhiemVuChinhTri9Thang,
};

export const BUILTIN_TEMPLATES: readonly ReportTemplate[] = Object.freeze(
  Object.entries(BUILTIN_TEMPLATE_FILES).map(([file, data]) => loadTemplate(data, file)),
);
