import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, NextFunction, raw, Request, Response } from 'express';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { toValidationException } from './common/validation';

export const BODY_LIMIT = '256kb';
export const IMPORT_LIMIT = '16mb';

/** Everything main.ts and the tests apply to the Nest app: validation, error mapping, limits, OpenAPI. */
export function configureApp(app: INestApplication): OpenAPIObject {
  // Bulk imports carry a file (CSV or XLSX) as the body, up to 25,000 rows: their own parser and limit.
  app.use('/org-units/import', raw({ type: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], limit: IMPORT_LIMIT }));
  app.use(json({ limit: BODY_LIMIT }));
  // Body-parser failures never reach Nest's exception filters (Nest wraps them first): answer them here.
  app.use((err: any, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.parse.failed') {
      return res.status(400).json({ statusCode: 400, error: 'MALFORMED_JSON', message: 'request body is not valid JSON', messageVi: 'Dữ liệu gửi lên không phải JSON hợp lệ.' });
    }
    if (err?.type === 'entity.too.large') {
      return res.status(413).json({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: `request body larger than ${err.limit} bytes`, messageVi: 'Dữ liệu gửi lên quá lớn.' });
    }
    return next(err);
  });
  app.use(cookieParser());
  // API answers are per user and change with state outside their ETag (a report's ETag is its stream's version,
  // not the cycle's phase it also shows): never let a browser revalidate one into a stale 304. Static UI files may be cached.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/ui')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: toValidationException,
  }));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('kybaocao API')
    .setDescription('Kỳ báo cáo: kế hoạch → đơn vị nộp báo cáo → Ban Dân vận duyệt → Thường trực góp ý → BTV ký → vào số, phát hành.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('kybaocao_session')
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
}
