import { SetMetadata } from '@nestjs/common';
import { ROLES, type Action, type Role } from '@kybaocao/domain/permissions';

/** One person may hold several (the list lives with the permission rules, libs/domain/src/permissions). */
export { ROLES, type Role };

export const ROLE_LABELS_VI: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Chuyên viên điều phối (Ban Dân vận)',
  reporter: 'Cán bộ báo cáo của đơn vị',
  reviewer: 'Lãnh đạo Ban Dân vận (thẩm định)',
  standing: 'Thường trực cấp ủy',
  signer: 'Ủy viên Ban Thường vụ (ký ban hành)',
  clerk: 'Văn thư',
};

export const ROLES_KEY = 'kybaocao:roles';
export const ACTION_KEY = 'kybaocao:action';
export const PENDING_PASSWORD_KEY = 'kybaocao:allowedWithPendingPasswordChange';
export const PUBLIC_KEY = 'kybaocao:public';

/** Only callers holding at least one of these roles pass the RolesGuard. Prefer @Allow(action). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** The route does this action: the RolesGuard lets through the roles the permission rules give it (unit scope and phase are the use case's). */
export const Allow = (action: Action) => SetMetadata(ACTION_KEY, action);
/** No login needed (health, login, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Reachable by a user who must change their password first (every other route answers 403 PASSWORD_CHANGE_REQUIRED). */
export const AllowedWithPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_KEY, true);
