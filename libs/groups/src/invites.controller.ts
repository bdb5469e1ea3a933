import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { GroupInvitesService } from './invites.service';
import { AcceptInviteDto } from './dto/accept-invite.dto';
import { InvitePreviewView, JoinResultView } from './dto/group.view';

/** Tokens come in the body, never the path, so access logs never hold them. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: GroupInvitesService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What an invite leads to (400 INVITE_INVALID when expired, revoked or used up)' })
  @ApiOkResponse({ type: InvitePreviewView })
  preview(@Body() dto: AcceptInviteDto): Promise<InvitePreviewView> {
    return this.invites.preview(dto.token);
  }

  @Post('accept')
  @ApiOperation({ summary: 'Join the group an invite is for' })
  @ApiCreatedResponse({ type: JoinResultView })
  accept(@CurrentUser() user: AuthUser, @Body() dto: AcceptInviteDto): Promise<JoinResultView> {
    return this.invites.accept(user, dto.token);
  }
}
