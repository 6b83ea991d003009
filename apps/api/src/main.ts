import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@kybaocao/config/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: ['error', 'warn', 'log'] });
  configureApp(app);
  const { host, port, publicUrl } = app.get(AppConfig).api;
  await app.listen(port, host);
  process.stderr.write(`[api] listening on ${publicUrl} (OpenAPI at ${publicUrl}/docs)\n`);
}

main().catch((err) => {
  process.stderr.write(`[api] fatal: ${err?.stack ?? err}\n`);
  process.exit(1);
});
