import { BUILTIN_TEMPLATES } from './builtin-templates';
import type { ReportTemplate } from './report-template';

/**
 * Annual dân vận / Front report: the skeleton of DOMAIN.md §4 (I. Đặc điểm tình hình … V. Kiến nghị) and
 * the figures the seed reports give (001 Huyện ủy Tam Đường 2022, 002 MTTQ thành phố Lai Châu 2023). The
 * template is data (builtin/dan-van-annual.template.json), checked and frozen when loaded.
 */
export const DAN_VAN_ANNUAL_TEMPLATE: ReportTemplate = BUILTIN_TEMPLATES.find((t) => t.id === 'dan-van-annual')!;
