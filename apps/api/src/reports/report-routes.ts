import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Etag } from '../common/etag.interceptor';

/**
 * What every controller under `cycles/:cycleId/report` declares: its tag, the bearer scheme, the 403, the
 * If-Match / Idempotency-Key headers of its writes and the ETag of its answers (the report's stream version).
 */
export const ReportRoutes = () =>
  applyDecorators(
    ApiTags('reports'),
    ApiBearerAuth(),
    ApiForbiddenResponse({ description: "the caller's roles do not allow it" }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key is stored once' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'report ETag last read; a stale one gets 409 with the current version' }),
    Controller('cycles/:cycleId/report'),
    Etag(),
  );
