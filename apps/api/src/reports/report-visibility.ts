import { can } from '@kybaocao/domain/permissions';
import { Actor, permissionActor } from '../common/actor';
import { forbidden } from '../auth/guards';
import type { ReportDto, ReportVersionDto } from './report-response.dto';

/**
 * What of the report a reader outside the office sees (a reporter, once the report was sent to their unit):
 * the issued version alone — not the drafts, their diffs, or Thường trực's comments ('report.read-drafts').
 */
export const readsDrafts = (actor: Actor): boolean => can(permissionActor(actor), 'report.read-drafts').allowed;

const draftsRefused = () => forbidden('only the issued version of the report is available to you', 'Bạn chỉ xem được văn bản đã ban hành.');

/** GET /report: the issued version and none of the comments, for a reader outside the office. */
export function reportFor(actor: Actor, dto: ReportDto): ReportDto {
  if (readsDrafts(actor)) return dto;
  const issued = dto.signed?.version ?? null;
  return { ...dto, versions: dto.versions.filter((v) => v.version === issued), latestVersion: issued, comments: [] };
}

/** GET /report/versions/{v}: a reader outside the office reads the issued version only, without comments. */
export function versionFor(actor: Actor, dto: ReportVersionDto): ReportVersionDto {
  if (readsDrafts(actor)) return dto;
  if (!dto.signed) throw draftsRefused();
  return { ...dto, comments: [] };
}

/** Diffs between drafts: the office only. */
export function requireDrafts(actor: Actor): void {
  if (!readsDrafts(actor)) throw draftsRefused();
}

/** A download of a chosen version: the office; a reader outside it downloads the default one (the issued version). */
export function requireDefaultVersion(actor: Actor, version: number | undefined): void {
  if (version !== undefined) requireDrafts(actor);
}
