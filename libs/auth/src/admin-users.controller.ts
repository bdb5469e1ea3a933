import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuthUser, CurrentUser, IsOmittable } from '@hearth/common';
import { AdminUpdateUserDto, MeView } from '@hearth/users';
import { AdminUsersService } from './admin-users.service';

export class AdminSearchUsersQuery {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  q?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly admin: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Find accounts (platform admins)' })
  @ApiOkResponse({ type: [MeView] })
  search(@CurrentUser() caller: AuthUser, @Query() query: AdminSearchUsersQuery): Promise<MeView[]> {
    return this.admin.search(caller, query.q);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Change an account’s platform role or suspend / restore it (platform admins)' })
  @ApiOkResponse({ type: MeView })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() dto: AdminUpdateUserDto,
  ): Promise<MeView> {
    return this.admin.update(caller, userId, dto);
  }
}
