import { Controller, Get, Header, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { cycleIdPipe } from '../common/cycle-id.pipe';
import { listLimit, setNextPage } from '../common/list-paging';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiQuery,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { attachment, boardCsvStream, boardXlsxStream } from './board-export';
import { Actor, CurrentActor, permissionActor } from '../common/actor';
import { cycleListScope } from '@kybaocao/domain/permissions';
import { BOARD_EXAMPLE, CYCLES_EXAMPLE } from './board-examples';
import { BoardDto, CycleSummaryDto } from './board.dto';
import { BoardQueryDto } from './board-query.dto';
import { BoardService } from './board.service';
import type { ReadAfter as Token } from '../common/read-your-writes';
import { ApiReadAfter, ReadAfter } from '../common/written-position';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileName = (cycleId: string, ext: string) => `bang-theo-doi-${cycleId.slice(0, 8)}.${ext}`;

@ApiTags('board')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiForbiddenResponse({ description: 'reporters and callers without an office role' })
@ApiReadAfter()
@Controller('cycles')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Allow('cycle.list')
  @ApiQuery({ name: 'limit', required: false, description: 'cycles per page (default 200, at most 500)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'X-Next-Cursor of the previous page' })
  @ApiOkResponse({
    type: [CycleSummaryDto],
    example: CYCLES_EXAMPLE,
    description:
      'the cycles the caller\'s office issued or that are below it (an administrator: every cycle), the most recently opened first, one page: when more follow, X-Next-Cursor and Link rel="next" name the next page',
    headers: { 'X-Next-Cursor': { description: 'cursor of the next page; absent on the last page', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ description: 'limit or cursor is not valid' })
  async list(
    @CurrentActor() actor: Actor,
    @Query('limit') limit: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @ReadAfter() readAfter: Token,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CycleSummaryDto[]> {
    const page = await this.board.cycles(cycleListScope(permissionActor(actor), 'read'), listLimit(limit, 200, 500), cursor, readAfter);
    setNextPage(res, '/cycles', { limit }, page.nextCursor);
    return page.items;
  }

  @Get(':cycleId/board')
  @Allow('board.read')
  @ApiOkResponse({
    type: BoardDto,
    example: BOARD_EXAMPLE,
    description:
      "the coordinator's board, one page of units (?offset, ?limit ≤ 500; default 100): per unit status, deadline, lateness; completeness and timeliness overall, by kind and by level; e-mails that could not be delivered",
  })
  @ApiBadRequestResponse({ description: 'a query parameter has a bad value (the response names it)' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  get(@Param('cycleId', cycleIdPipe) cycleId: string, @Query() query: BoardQueryDto, @ReadAfter() readAfter: Token): Promise<BoardDto> {
    return this.board.board(cycleId, query, readAfter);
  }

  @Get(':cycleId/board/hierarchy')
  @Allow('board.read')
  @ApiOkResponse({
    description:
      'the board rolled up across a hierarchy of cycles: under each unit, its own cycle for the same data period; totals per depth and overall',
    example: {
      root: {
        cycle: {
          id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
          periodLabel: 'năm 2026',
          issuingBodyName: 'Huyện ủy Tam Đường',
          status: 'collecting',
        },
        unitId: null,
        depth: 0,
        overall: { expected: 2, submitted: 1, onTime: 1, pending: 1, completeness: '50%', timeliness: '50%' },
        pendingLine: 'còn 1/2 đơn vị chưa nộp báo cáo (Hội Nông dân huyện Tam Đường)',
        children: [
          {
            cycle: {
              id: '5d1c2b7e-8f0a-4c3b-9a1d-2e3f4a5b6c7d',
              periodLabel: 'năm 2026',
              issuingBodyName: 'Đảng ủy xã Sơn Bình',
              status: 'reviewing',
            },
            unitId: 'du-xa-son-binh',
            depth: 1,
            overall: { expected: 2, submitted: 2, onTime: 2, pending: 0, completeness: '100%', timeliness: '100%' },
            pendingLine: 'đã nộp đủ 2/2 đơn vị',
            children: [],
          },
        ],
      },
      byDepth: [
        { depth: 0, cycles: 1, expected: 2, submitted: 1, onTime: 1, completeness: '50%', timeliness: '50%' },
        { depth: 1, cycles: 1, expected: 2, submitted: 2, onTime: 2, completeness: '100%', timeliness: '100%' },
      ],
      all: { cycles: 2, expected: 4, submitted: 3, onTime: 3, completeness: '75%', timeliness: '75%' },
    },
  })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  hierarchy(@Param('cycleId', cycleIdPipe) cycleId: string, @ReadAfter() readAfter: Token) {
    return this.board.hierarchy(cycleId, readAfter);
  }

  @Get(':cycleId/board.csv')
  @Allow('board.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'every unit of the board (filtered and sorted as asked; not paged, streamed) as CSV: UTF-8 with BOM, header row in Vietnamese',
    schema: { type: 'string' },
  })
  @ApiBadRequestResponse({ description: 'a query parameter has a bad value' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  async csv(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Query() query: BoardQueryDto,
    @ReadAfter() readAfter: Token,
    @Res({ passthrough: true }) res: Response,
  ) {
    const now = new Date();
    await this.board.board(cycleId, { ...query, offset: 0, limit: 1 }, readAfter, now); // 404 before the download starts
    res.setHeader('Content-Disposition', attachment(fileName(cycleId, 'csv')));
    return new StreamableFile(boardCsvStream(this.board.allRows(cycleId, query, now)), { type: 'text/csv; charset=utf-8' });
  }

  @Get(':cycleId/board.xlsx')
  @Allow('board.read')
  @Header('Content-Type', XLSX_TYPE)
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description: 'the board as an Excel workbook (summary lines, then one row per unit)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiBadRequestResponse({ description: 'a query parameter has a bad value' })
  @ApiNotFoundResponse({ description: 'no such cycle' })
  async xlsx(
    @Param('cycleId', cycleIdPipe) cycleId: string,
    @Query() query: BoardQueryDto,
    @ReadAfter() readAfter: Token,
    @Res({ passthrough: true }) res: Response,
  ) {
    const now = new Date();
    const summary = await this.board.board(cycleId, { ...query, offset: 0, limit: 1 }, readAfter, now);
    res.setHeader('Content-Disposition', attachment(fileName(cycleId, 'xlsx')));
    return new StreamableFile(boardXlsxStream(summary, this.board.allRows(cycleId, query, now)), { type: XLSX_TYPE });
  }
}
