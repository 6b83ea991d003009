import { Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule, RequestMethod } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import fs from 'node:fs';
import path from 'node:path';

/** Where the built web app is (Vite's output, `npm run build:web`): dist/web under the project root. */
export class WebAppFiles {
  constructor(readonly dir: string) {}

  static default(): WebAppFiles {
    return new WebAppFiles(path.join(projectRoot(__dirname), 'dist', 'web'));
  }
}

/** The project root (the folder of package.json above `from`): the same from dist/ and from the sources. */
export function projectRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

const HASHED_ASSETS = /^\/assets\//;

/**
 * Serves the web app at /ui/: its hashed assets (cacheable for a year: a new build gets new names) and, for
 * every other GET under /ui, index.html (no-cache), so that the app's own router handles /ui/cycles/… (SPA
 * fallback). Public: the files hold no data; every API call behind them needs a session. An asset the build also
 * wrote compressed (apps/web/vite.config.mts: `.br`, `.gz`) goes out compressed to a browser that accepts it
 * (express-static-gzip, which also says `Vary: Accept-Encoding`): the app's 1.7 MB of scripts and styles are 0.5 MB
 * in brotli for a reporter's phone, compressed once at build time, never per request.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly assets: express.Handler;

  constructor(private readonly files: WebAppFiles) {
    this.assets = expressStaticGzip(files.dir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        index: false,
        fallthrough: false,
        setHeaders: (res) => {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          res.setHeader('X-Content-Type-Options', 'nosniff');
        },
      },
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const pathname = req.originalUrl.split('?')[0];
    if (pathname !== '/ui' && !pathname.startsWith('/ui/')) return next();
    const rest = pathname.slice('/ui'.length) || '/';
    if (HASHED_ASSETS.test(rest)) {
      req.url = rest;
      this.assets(req, res, (err?: unknown) => {
        const status = (err as { status?: number } | undefined)?.status ?? 404;
        res
          .status(status)
          .json({ statusCode: status, error: 'NOT_FOUND', message: `no such file ${rest}`, messageVi: 'Không tìm thấy tệp.' });
      });
      return;
    }
    const index = path.join(this.files.dir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).json({
        statusCode: 503,
        error: 'WEB_APP_NOT_BUILT',
        message: 'the web app is not built: run `npm run build:web`',
        messageVi: 'Giao diện web chưa được dựng. Quản trị viên cần chạy lệnh "npm run build:web".',
      });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('html').sendFile(index);
  }
}

@Module({ providers: [{ provide: WebAppFiles, useFactory: () => WebAppFiles.default() }, WebAppMiddleware] })
export class WebAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WebAppMiddleware)
      .forRoutes({ path: 'ui', method: RequestMethod.GET }, { path: 'ui/{*path}', method: RequestMethod.GET });
  }
}
