import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token';
import { Actor, CurrentActor } from '../common/actor';
import { notificationIdPipe } from './notification-id.pipe';
import { INBOX_EXAMPLE, InboxDto, InboxQueryDto, PreferencesDto, ReadMarkDto, UpdatePreferencesDto } from './me.dto';
import { MeService } from './me.service';

/** Everyone signed in has an inbox and preferences; each user only ever reaches their own. */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@ApiUnauthorizedResponse({ description: 'not logged in' })
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'the in-app inbox: notifications addressed to the caller or to the units they report for, newest first' })
  @ApiOkResponse({ type: InboxDto, example: INBOX_EXAMPLE })
  @ApiBadRequestResponse({ description: 'limit or before has a bad value (the response names it)' })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<InboxDto> {
    return this.me.inbox(actor.userId, query);
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'marks a notification read (insert-only: marking again keeps the first time)' })
  @ApiOkResponse({
    type: ReadMarkDto,
    example: { notificationId: '5f0c8a52-3c1e-4d8b-9a57-7f2d1c6b9e01', readAt: '2026-12-10T03:00:00.000Z', unreadCount: 0 },
  })
  @ApiBadRequestResponse({ description: 'notificationId is not a UUID' })
  @ApiNotFoundResponse({ description: "no such notification in the caller's inbox (whoever else it was addressed to)" })
  markRead(@CurrentActor() actor: Actor, @Param('notificationId', notificationIdPipe) notificationId: string): Promise<ReadMarkDto> {
    return this.me.markRead(actor.userId, notificationId);
  }

  @Get('preferences')
  @ApiOperation({ summary: 'notification preferences (defaults when never set: e-mail on, digest at 07:00)' })
  @ApiOkResponse({ type: PreferencesDto, example: { emailEnabled: true, digestTime: '07:00' } })
  preferences(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.me.preferences(actor.userId);
  }

  @Put('preferences')
  @ApiOperation({ summary: 'replaces the notification preferences' })
  @ApiBody({
    type: UpdatePreferencesDto,
    examples: { 'e-mail off, digest at 06:30': { value: { emailEnabled: false, digestTime: '06:30' } } },
  })
  @ApiOkResponse({ type: PreferencesDto, example: { emailEnabled: false, digestTime: '06:30' } })
  @ApiBadRequestResponse({ description: 'a field is missing or has a bad value (the response names it); nothing is stored' })
  updatePreferences(@CurrentActor() actor: Actor, @Body() dto: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.me.updatePreferences(actor.userId, dto);
  }
}
