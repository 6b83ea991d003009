import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { Public } from '../auth/roles';

/** The folder of the page's files: found from the project root, so it works from dist/ and from the sources alike. */
export function staticDir(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'apps', 'api', 'src', 'ui', 'static');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** The board page (static HTML + vanilla JS, no build step). The files are public; the data behind them needs a login. */
@ApiExcludeController()
@Public()
@Controller('ui')
export class UiController {
  private readonly dir = staticDir();

  @Get()
  index(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!Object.prototype.hasOwnProperty.call(TYPES, file)) {
      throw new NotFoundException({ statusCode: 404, error: 'NOT_FOUND', message: `no such file ${file}`, messageVi: 'Không tìm thấy tệp.' });
    }
    this.send(res, file);
  }

  private send(res: Response, file: string): void {
    const body = fs.readFileSync(path.join(this.dir, file));
    res.setHeader('Content-Type', TYPES[file]);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(body);
  }
}
