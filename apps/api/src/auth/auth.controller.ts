import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor } from '../common/actor';
import { ChangePasswordDto, LoginDto, LoginResultDto, MeDto } from './auth.dto';
import { AuthService, toMe } from './auth.service';
import { SESSION_COOKIE } from './jwt.strategy';
import { Public } from './roles';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiResponse({ status: 423, description: 'account locked after repeated failures' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<LoginResultDto> {
    const result = await this.auth.login(dto.username, dto.password);
    res.cookie(SESSION_COOKIE, result.accessToken, { httpOnly: true, sameSite: 'lax', expires: new Date(result.expiresAt), path: '/' });
    return result;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth() @ApiCookieAuth(SESSION_COOKIE)
  @ApiNoContentResponse({ description: 'session revoked: the token no longer works' })
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(actor.user);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth() @ApiCookieAuth(SESSION_COOKIE)
  @ApiNoContentResponse({ description: 'password changed; every other session of the user is revoked' })
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.changePassword(actor.user, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @ApiBearerAuth() @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): MeDto {
    return toMe(actor.user);
  }
}
