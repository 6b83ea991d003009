import 'reflect-metadata';
import type { NextFunction, Request, Response } from 'express';
import type * as NestCore from '@nestjs/core';
import { AppConfig } from '@kybaocao/config/config';
import type * as AppModuleFile from './app.module';
import type * as AppSetupFile from './app.setup';
import { apiProcesses, apiProcessIndex, isClusterPrimary, superviseApiProcesses } from './api-processes';

async function main(): Promise<void> {
  // Loaded here, not at the top: a clustered API's primary only hands out connections and never loads Nest or the app.
  const { NestFactory } = require('@nestjs/core') as typeof NestCore;
  const { AppModule } = require('./app.module') as typeof AppModuleFile;
  const { configureApp } = require('./app.setup') as typeof AppSetupFile;
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: ['error', 'warn', 'log'] });
  // Tests only (API_PROCESS_HEADER=1): which of the API's processes answered. Off by default: nothing internal in answers.
  if (process.env.API_PROCESS_HEADER === '1') {
    const index = String(apiProcessIndex());
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('X-Api-Process', index);
      next();
    });
  }
  configureApp(app);
  const { host, port, publicUrl } = app.get(AppConfig).api;
  await app.listen(port, host);
  process.stderr.write(
    `[api] process ${apiProcessIndex()} (pid ${process.pid}) listening on ${publicUrl} (OpenAPI at ${publicUrl}/docs)\n`,
  );
}

const fatal = (err: unknown) => {
  process.stderr.write(`[api] fatal: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
};

try {
  const processes = apiProcesses();
  if (processes > 1 && isClusterPrimary()) superviseApiProcesses(processes, (line) => process.stderr.write(`[api] ${line}\n`));
  else main().catch(fatal);
} catch (err) {
  fatal(err);
}
