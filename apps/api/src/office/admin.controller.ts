import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Allow } from '../auth/roles';
import { Actor, CurrentActor } from '../common/actor';
import {
  ACCOUNTS_EXAMPLE,
  AccountsPageDto,
  AccountsQueryDto,
  AddAliasDto,
  ORG_NODE_EXAMPLE,
  OrgChildrenPageDto,
  OrgChildrenQueryDto,
  OrgNodeDto,
  OrgSearchQueryDto,
} from './admin.dto';
import { AdminUseCases } from './admin.use-cases';

/** The administrator's pages: accounts one page at a time, the organisation tree one level at a time, another name for a unit. */
@ApiTags('administration')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@ApiForbiddenResponse({ description: 'administrators only' })
@Controller()
export class AdminController {
  constructor(private readonly admin: AdminUseCases) {}

  @Get('accounts')
  @Allow('users.manage')
  @ApiOkResponse({
    type: AccountsPageDto,
    example: ACCOUNTS_EXAMPLE,
    description: 'one page of accounts by username, with unit names and whether each is locked out now',
  })
  @ApiBadRequestResponse({ description: 'q, limit or cursor has a bad value (the response names it)' })
  accounts(@Query() query: AccountsQueryDto): Promise<AccountsPageDto> {
    return this.admin.accounts(query);
  }

  @Get('org-units/children')
  @Allow('org-units.manage')
  @ApiOkResponse({
    type: OrgChildrenPageDto,
    example: { items: [ORG_NODE_EXAMPLE], total: 1, nextCursor: null },
    description: 'one page of the units directly under parentId (the top of the tree without it), by name',
  })
  @ApiBadRequestResponse({ description: 'parentId, limit or cursor has a bad value (the response names it)' })
  children(@Query() query: OrgChildrenQueryDto): Promise<OrgChildrenPageDto> {
    return this.admin.children(query);
  }

  @Get('org-units/search')
  @Allow('org-units.search')
  @ApiOkResponse({
    type: [OrgNodeDto],
    example: [ORG_NODE_EXAMPLE],
    description:
      'the first 20 units whose name, short name or another name contains q (any office role: the clerk picks Nơi nhận units with it)',
  })
  @ApiBadRequestResponse({ description: 'q is missing or too long' })
  search(@Query() query: OrgSearchQueryDto): Promise<OrgNodeDto[]> {
    return this.admin.search(query.q);
  }

  @Post('org-units/:unitId/aliases')
  @Allow('org-units.manage')
  @HttpCode(200)
  @ApiBody({ type: AddAliasDto, examples: { variant: { summary: 'a spelling found in reports', value: { alias: 'Hội Phụ nữ huyện' } } } })
  @ApiOkResponse({
    type: OrgNodeDto,
    example: { ...ORG_NODE_EXAMPLE, aliases: ['Hội Phụ nữ huyện'], version: 2 },
    description: 'the alias recorded (an event UnitAliasAdded)',
  })
  @ApiUnprocessableEntityResponse({ description: 'the alias equals the name or is already recorded' })
  addAlias(@Param('unitId') unitId: string, @Body() dto: AddAliasDto, @CurrentActor() actor: Actor): Promise<OrgNodeDto> {
    return this.admin.addAlias(unitId, dto.alias, actor);
  }
}
