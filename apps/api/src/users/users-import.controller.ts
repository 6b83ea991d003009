import { BadRequestException, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import { XLSX_TYPE } from '../common/import-table';
import { UsersImportService } from './users-import.service';

export class AccountImportResultDto {
  @ApiProperty({ description: 'rows with data in the file', example: 2 }) rows: number;
  @ApiProperty({ description: 'accounts created by this import (every row, or none)', example: 2 }) created: number;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersImportController {
  constructor(private readonly imports: UsersImportService) {}

  @Post('import')
  @Allow('users.manage')
  @HttpCode(200)
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    description:
      'a CSV (UTF-8, comma or semicolon) or XLSX file whose first row names the columns: Tên đăng nhập, Họ và tên, Thư điện tử, Vai trò (codes such as reporter, or "Cán bộ báo cáo"; several separated by ";"), Mã đơn vị báo cáo (separated by ";", at most 500), Mã cơ quan, Mật khẩu tạm thời; English keys (username, displayName, email, roles, unitIds, officeUnitId, password) also accepted. Up to 25,000 rows, 16 MB. Every account must change its temporary password at first login.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOkResponse({ type: AccountImportResultDto, example: { rows: 2, created: 2 }, description: 'every account created (one transaction)' })
  @ApiUnprocessableEntityResponse({ description: 'ACCOUNT_IMPORT_INVALID: every problem listed by line and column; no account created' })
  @ApiForbiddenResponse({ description: 'admin only' })
  importAccounts(
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AccountImportResultDto> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'IMPORT_FILE_REQUIRED',
        message: `send the file as the body, Content-Type text/csv or ${XLSX_TYPE}`,
        messageVi: 'Chưa có tệp để nhập (CSV hoặc Excel).',
      });
    }
    return this.imports.importAccounts(req.body, contentType ?? '', actor);
  }
}
