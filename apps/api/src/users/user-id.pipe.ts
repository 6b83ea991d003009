import { uuidParamPipe } from '../common/uuid-param.pipe';

/** `:id` of /users/{id} must be a UUID; otherwise the usual 400 naming the parameter. */
export const userIdPipe = uuidParamPipe('id', 'Mã tài khoản không hợp lệ.');
