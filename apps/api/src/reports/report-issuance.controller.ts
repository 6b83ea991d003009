import { Body, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReportRoutes } from './report-routes';
import {
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { WriteOpts, type WriteOptions } from '../common/write-options';
import { NumberReportDto, RecallDto, ReceiptDto } from './reports.dto';
import { REPORT_EXAMPLE, ReportDto } from './report-response.dto';
import { ReportUseCases } from './usecases';
import { AmendRecipientsDto } from './usecases/amend-recipients/amend-recipients.dto';

/** The signed report's issuance (văn thư): its number, Nơi nhận, distribution, receipts and recall. One use case per route. */
@ReportRoutes()
export class ReportIssuanceController {
  constructor(private readonly use: ReportUseCases) {}

  @Post('number')
  @Allow('report.number')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    example: {
      ...REPORT_EXAMPLE,
      status: 'numbered',
      numbered: {
        number: 7,
        numberText: 'Số 07-BC/HU',
        date: '2026-12-28',
        by: REPORT_EXAMPLE.versions[0].createdBy,
        at: '2026-12-28T02:00:00.000Z',
      },
    },
    description: 'number from the register of its scheme and period, and the date of issue',
  })
  @ApiConflictResponse({ description: 'not signed, or already numbered' })
  @ApiBody({ type: NumberReportDto, examples: { example: { value: { date: '2026-12-28' } } } })
  number(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: NumberReportDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.numberReport.execute(cycleId, dto, actor, opts);
  }

  @Put('recipients')
  @Allow('report.amend-recipients')
  @ApiOkResponse({
    type: ReportDto,
    example: { ...REPORT_EXAMPLE, status: 'numbered' },
    description:
      'Nơi nhận and the Lưu line finalised by the clerk (the signed body is not changed); distribution sends to the registry units of this list',
  })
  @ApiConflictResponse({ description: 'not signed yet, or already distributed (REPORT_ALREADY_DISTRIBUTED), or a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'a unit not in the registry, a blank line, or a line longer than 200 characters' })
  @ApiBody({
    type: AmendRecipientsDto,
    examples: {
      example: {
        value: {
          recipients: [
            { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
            { name: 'Sở Nội vụ', purpose: 'b/c' },
            { name: 'Hội Nông dân huyện', purpose: 't/d', unitIds: ['hnd-tam-duong'] },
          ],
          archive: ['Văn phòng Huyện ủy'],
          reason: 'Bổ sung Sở Nội vụ',
        },
      },
    },
  })
  amendRecipients(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: AmendRecipientsDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.amendRecipients.execute(cycleId, dto, actor, opts);
  }

  @Post('distribute')
  @Allow('report.distribute')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    example: { ...REPORT_EXAMPLE, status: 'distributed' },
    description: 'sent to every registry unit of Nơi nhận (one delivery event each)',
  })
  distribute(@Param('cycleId', cycleIdPipe) cycleId: string, @CurrentActor() actor: Actor, @WriteOpts() opts: WriteOptions) {
    return this.use.distributeReport.execute(cycleId, actor, opts);
  }

  @Post('receipts')
  @Allow('report.acknowledge')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    example: { ...REPORT_EXAMPLE, status: 'distributed' },
    description: 'receipt acknowledged by a receiving unit',
  })
  @ApiNoContentResponse({
    description:
      "with Prefer: return=minimal: the receipt is stored and nothing is answered but the report's new version (ETag) and Preference-Applied: return=minimal",
  })
  @ApiHeader({ name: 'Prefer', required: false, description: 'return=minimal: answer 204 without the report (RFC 7240)' })
  @ApiConflictResponse({ description: 'not sent to that unit, already acknowledged, or recalled' })
  @ApiBody({ type: ReceiptDto, examples: { example: { value: { unitId: 'hnd-tam-duong' } } } })
  async acknowledge(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: ReceiptDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
    @Res({ passthrough: true }) res: Response,
  ) {
    const answer = await this.use.acknowledgeReceipt.execute(cycleId, dto, actor, opts);
    if (!('minimal' in answer)) return answer;
    res.status(204).setHeader('ETag', `"${answer.streamVersion}"`).setHeader('Preference-Applied', 'return=minimal');
    return undefined;
  }

  @Post('recall')
  @Allow('report.recall')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    example: {
      ...REPORT_EXAMPLE,
      status: 'recalled',
      recall: { reason: 'Sai số liệu mục II.4', at: '2026-12-30T02:00:00.000Z', by: REPORT_EXAMPLE.versions[0].createdBy },
    },
    description: 'recalled (thu hồi) with the reason',
  })
  @ApiBody({ type: RecallDto, examples: { example: { value: { reason: 'Sai số liệu mục II.4; sẽ ban hành văn bản thay thế.' } } } })
  recall(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Body() dto: RecallDto,
    @CurrentActor() actor: Actor,
    @WriteOpts() opts: WriteOptions,
  ) {
    return this.use.recallReport.execute(cycleId, dto, actor, opts);
  }
}
