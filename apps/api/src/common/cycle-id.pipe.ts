import { uuidParamPipe } from './uuid-param.pipe';

/** `:cycleId` must be a UUID; otherwise the same 400 shape as every validation error, naming the parameter. */
export const cycleIdPipe = uuidParamPipe('cycleId', 'Mã kỳ báo cáo không hợp lệ.');
