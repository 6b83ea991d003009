import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { json, NextFunction, raw, Request, Response } from 'express';
import { bodyParserErrors, HostileParamPipe, rejectHostileInput, requireUtf8Charset, verifyUtf8 } from './common/hostile-input';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { toValidationException } from './common/validation';
import { SESSION_COOKIE } from './auth/session-token';
import { trustProxySetting } from './auth/session-cookie';
import { documentErrorAnswers } from './common/openapi-errors';
import { documentValidationConstraints } from './common/openapi-constraints';
import { writtenPositionMiddleware } from './common/written-position';
import { compressedAnswers } from './common/compressed-answers';
import { WRITE_ADMISSION_SETTING, WriteBulkhead, writeAdmission, writeAdmissionSettings } from './admission/write-admission';

export const BODY_LIMIT = '256kb';
export const IMPORT_LIMIT = '16mb';
/** Opening a cycle or assigning units names up to 25,000 units in one call (~1.5 MB with deadlines). */
export const CYCLE_UNITS_LIMIT = '4mb';

/** Everything main.ts and the tests apply to the Nest app: validation, error mapping, limits, OpenAPI. */
export function configureApp(app: INestApplication): OpenAPIObject {
  // Security headers. CSP: scripts only from this origin (the web UI and Swagger UI load theirs from files); styles
  // may be inline (Ant Design's CSS-in-JS, Swagger UI); nothing may frame the pages.
  const express = app.getHttpAdapter().getInstance() as { disable(name: string): void; set(name: string, value: unknown): void };
  express.disable('x-powered-by');
  // No automatic ETag: Express would hash every JSON answer (a SHA-1 of the board's 45 KB on each read) for a
  // revalidation that `Cache-Control: no-store` below rules out. The ETags that carry a stream version (If-Match) are
  // set by the routes themselves (common/etag.interceptor.ts) and stay.
  express.set('etag', false);
  // Behind a TLS-terminating proxy: which proxies' X-Forwarded-Proto/-For to believe (Secure cookie, client address).
  express.set('trust proxy', trustProxySetting());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether HTTPS is in use
    }),
  );
  app.use(compressedAnswers());
  // At most WRITE_CONCURRENCY writes at once, the others wait before any work (body, validation, SQL): reads are never
  // behind more than that many writes.
  const writes = new WriteBulkhead(writeAdmissionSettings());
  express.set(WRITE_ADMISSION_SETTING, writes);
  app.use(writeAdmission(writes));
  app.use(requireUtf8Charset);
  // Bulk imports carry a file (CSV or XLSX) as the body, up to 25,000 rows: their own parser and limit.
  app.use(
    ['/org-units/import', '/users/import'],
    raw({ type: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], limit: IMPORT_LIMIT }),
  );
  // POST /cycles and POST /cycles/{id}/units: a national cycle's units in one call, under their own limit.
  const cycleUnits = json({ limit: CYCLE_UNITS_LIMIT, verify: verifyUtf8 });
  app.use(/^\/cycles(\/[^/]+\/units)?\/?$/, (req: Request, res: Response, next: NextFunction) =>
    req.method === 'POST' ? cycleUnits(req, res, next) : next(),
  );
  app.use(json({ limit: BODY_LIMIT, verify: verifyUtf8 }));
  // Body-parser failures never reach Nest's exception filters (Nest wraps them first): answer them here.
  app.use(bodyParserErrors);
  app.use(rejectHostileInput);
  app.use(cookieParser());
  app.use(writtenPositionMiddleware); // the consistency token of the requests that append
  // API answers are per user and change with state outside their ETag (a report's ETag is its stream's version,
  // not the cycle's phase it also shows): never let a browser revalidate one into a stale 304. Static UI files may be cached.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/ui')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(
    new HostileParamPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: toValidationException,
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('kybaocao API')
      .setDescription('Kỳ báo cáo: kế hoạch → đơn vị nộp báo cáo → Ban Dân vận duyệt → Thường trực góp ý → BTV ký → vào số, phát hành.')
      .setVersion('0.1.0')
      .addBearerAuth()
      // The scheme operations reference by @ApiCookieAuth(SESSION_COOKIE): named after the cookie.
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, SESSION_COOKIE)
      .build(),
  );
  documentErrorAnswers(document, SESSION_COOKIE);
  documentValidationConstraints(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
}
