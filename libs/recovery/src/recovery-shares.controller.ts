import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { RecoverySharesService } from './recovery-shares.service';
import { CreateShareDto } from './dto/create-share.dto';
import { CreateCommentDto } from './dto/create-comment.dto';
import { IncomingShareListView, ShareCommentView, ShareDetailView, SharedPlanView, ShareListView } from './dto/recovery.view';

const uuid = new ParseUUIDPipe();

@ApiTags('recovery')
@ApiBearerAuth()
@Controller()
export class RecoverySharesController {
  constructor(private readonly shares: RecoverySharesService) {}

  @Post('me/recovery/shares')
  @ApiOperation({ summary: 'Share chosen parts of my plan with a peer worker I have a support session with, until a time or until I revoke it' })
  @ApiCreatedResponse({ type: ShareDetailView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateShareDto): Promise<ShareDetailView> {
    return this.shares.create(user, dto);
  }

  @Get('me/recovery/shares')
  @ApiOperation({ summary: 'Who can see what of my plan (and who could), newest first, with when it was last read' })
  @ApiOkResponse({ type: ShareListView })
  list(@CurrentUser() user: AuthUser): Promise<ShareListView> {
    return this.shares.list(user);
  }

  @Get('me/recovery/shares/:shareId')
  @ApiOperation({ summary: 'One of my shares: who read it when, and the comments left on it' })
  @ApiOkResponse({ type: ShareDetailView })
  detail(@CurrentUser() user: AuthUser, @Param('shareId', uuid) shareId: string): Promise<ShareDetailView> {
    return this.shares.detail(user, shareId);
  }

  @Delete('me/recovery/shares/:shareId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a share: the peer loses access at once' })
  @ApiNoContentResponse()
  revoke(@CurrentUser() user: AuthUser, @Param('shareId', uuid) shareId: string): Promise<void> {
    return this.shares.revoke(user, shareId);
  }

  @Get('recovery/shared')
  @ApiOperation({ summary: 'Peer workers: the shares I can read now (who and which parts, no content)' })
  @ApiOkResponse({ type: IncomingShareListView })
  incoming(@CurrentUser() user: AuthUser): Promise<IncomingShareListView> {
    return this.shares.incoming(user);
  }

  @Get('recovery/shared/:shareId')
  @ApiOperation({ summary: 'Peer workers: read what was shared with me (only while the share is active; each read is shown to its owner and audited)' })
  @ApiOkResponse({ type: SharedPlanView })
  read(@CurrentUser() user: AuthUser, @Param('shareId', uuid) shareId: string): Promise<SharedPlanView> {
    return this.shares.read(user, shareId);
  }

  @Post('recovery/shared/:shareId/comments')
  @ApiOperation({ summary: 'Peer workers: comment on a part that was shared with me' })
  @ApiCreatedResponse({ type: ShareCommentView })
  comment(@CurrentUser() user: AuthUser, @Param('shareId', uuid) shareId: string, @Body() dto: CreateCommentDto): Promise<ShareCommentView> {
    return this.shares.comment(user, shareId, dto);
  }
}
