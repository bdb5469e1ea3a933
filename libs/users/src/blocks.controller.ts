import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { BlocksService } from './blocks.service';
import { PublicUserView } from './dto/user.view';

@ApiTags('blocks')
@ApiBearerAuth()
@Controller('me/blocks')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Get()
  @ApiOperation({ summary: 'People I have blocked' })
  @ApiOkResponse({ type: [PublicUserView] })
  list(@CurrentUser() user: AuthUser): Promise<PublicUserView[]> {
    return this.blocks.listBlocked(user);
  }

  @Put(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Block someone: they can no longer message me directly' })
  @ApiNoContentResponse()
  block(@CurrentUser() user: AuthUser, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.blocks.block(user, userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock someone' })
  @ApiNoContentResponse()
  unblock(@CurrentUser() user: AuthUser, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.blocks.unblock(user, userId);
  }
}
