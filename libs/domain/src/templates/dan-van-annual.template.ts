import type { ReportTemplate } from './report-template';
import data from './builtin/dan-van-annual.template.json';
import { loadTemplate } from './template-loader';

/**
 * Annual dân vận / Front report: the skeleton of DOMAIN.md §4 (I. Đặc điểm tình hình … V. Kiến nghị) and
 * the figures the seed reports give (001 Huyện ủy Tam Đường 2022, 002 MTTQ thành phố Lai Châu 2023). The
 * template is data (builtin/dan-van-annual.template.json), checked and frozen when loaded.
 */
export const DAN_VAN_ANNUAL_TEMPLATE: ReportTemplate = loadTemplate(data, 'dan-van-annual.template.json');
