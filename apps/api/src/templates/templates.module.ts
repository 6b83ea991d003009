import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller';
import { TemplateStore } from './template-store';

/** Report templates as data: published versions, the built-in ones seeded at start. */
@Module({
  controllers: [TemplatesController],
  providers: [TemplateStore],
  exports: [TemplateStore],
})
export class TemplatesModule {}
