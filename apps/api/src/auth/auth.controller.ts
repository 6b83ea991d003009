import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '../common/actor';
import { ChangePasswordDto, LOGIN_RESULT_EXAMPLE, LoginDto, LoginResultDto, ME_EXAMPLE, MeDto } from './auth.dto';
import { AuthService, toMe } from './auth.service';
import { SESSION_COOKIE } from './session-token';
import { sessionCookieOptions } from './session-cookie';
import { LoginThrottlerGuard } from './login-throttle';
import { AllowedWithPendingPasswordChange, Public } from './roles';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiTooManyRequestsResponse({
    description: 'TOO_MANY_LOGIN_ATTEMPTS: too many attempts from this address or for this username (Retry-After)',
  })
  @ApiBody({
    type: LoginDto,
    examples: { coordinator: { summary: 'the demo coordinator', value: { username: 'chuyenvien.bdv', password: 'kybaocao-demo' } } },
  })
  @ApiOkResponse({
    type: LoginResultDto,
    example: LOGIN_RESULT_EXAMPLE,
    description: 'user.mustChangePassword true: change the password before anything else',
  })
  @ApiUnauthorizedResponse({
    description: 'wrong username or password, an unknown username, or too many failures for this username from this address: one answer',
  })
  @ApiForbiddenResponse({ description: 'ACCOUNT_DISABLED: the account was disabled by an administrator' })
  @ApiServiceUnavailableResponse({ description: 'SERVER_BUSY: too many password checks in progress (Retry-After)' })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResultDto> {
    const result = await this.auth.login(dto.username, dto.password, req.ip ?? '');
    res.cookie(SESSION_COOKIE, result.accessToken, sessionCookieOptions(req, new Date(result.expiresAt)));
    return result;
  }

  @Post('logout')
  @HttpCode(204)
  @AllowedWithPendingPasswordChange()
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiNoContentResponse({ description: 'session revoked: the token no longer works' })
  async logout(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(actor.user);
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
  }

  @Post('password')
  @HttpCode(204)
  @AllowedWithPendingPasswordChange()
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBody({
    type: ChangePasswordDto,
    examples: {
      change: {
        summary: 'choose a new password',
        value: { currentPassword: 'tam-thoi-2026-xyz', newPassword: 'mat-khau-moi-cua-toi-2026' },
      },
    },
  })
  @ApiNoContentResponse({ description: 'password changed (mustChangePassword cleared); every other session of the user is revoked' })
  @ApiUnprocessableEntityResponse({
    description: 'PASSWORD_NOT_CHANGED: after a reset, the new password must differ from the one the administrator set',
  })
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.changePassword(actor.user, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @AllowedWithPendingPasswordChange()
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: MeDto, example: ME_EXAMPLE })
  me(@CurrentActor() actor: Actor): MeDto {
    return toMe(actor.user);
  }
}
