import { uuidParamPipe } from '../common/uuid-param.pipe';

/** `:notificationId` must be a UUID; otherwise the usual 400 naming the parameter. */
export const notificationIdPipe = uuidParamPipe('notificationId', 'Mã thông báo không hợp lệ.');
