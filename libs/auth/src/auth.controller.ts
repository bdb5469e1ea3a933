import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public } from '@hearth/common';
import { User } from '@hearth/users';
import { AuthService } from './auth.service';
import { AuthThrottle } from './auth-throttle';
import { AuthResultView, ChangePasswordDto, LoginDto, RefreshTokenDto, RegisterDto, TokenPairView } from './dto/auth.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthThrottle()
  @Post('register')
  @ApiOperation({ summary: 'Create an account with a pseudonymous username (no email needed)' })
  @ApiCreatedResponse({ type: AuthResultView })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this username' })
  register(@Body() dto: RegisterDto): Promise<AuthResultView> {
    return this.auth.register(dto);
  }

  @Public()
  @AuthThrottle()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; opens a new session' })
  @ApiOkResponse({ type: AuthResultView })
  login(@Body() _dto: LoginDto, @Req() req: { user: User }): Promise<AuthResultView> {
    return this.auth.login(req.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the old refresh token dies (reuse ends the session)' })
  @ApiOkResponse({ type: TokenPairView })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session the refresh token belongs to' })
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change password; ends every session and returns tokens for a fresh one' })
  @ApiOkResponse({ type: TokenPairView })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<TokenPairView> {
    return this.auth.changePassword(user, dto);
  }
}
