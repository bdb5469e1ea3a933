import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { DirectRoomsService } from './direct-rooms.service';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { HistoryQueryDto, MessageBodyDto, OpenDirectRoomDto, ReactionBodyDto, ReactionDto, ReadMarkerBodyDto, SendMessageBodyDto } from './dto/message.dto';
import { MessagePageView, MessageView, RoomSummaryView } from './dto/message.view';

const uuid = () => new ParseUUIDPipe();

@ApiTags('chat')
@ApiBearerAuth()
@Controller()
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly direct: DirectRoomsService,
  ) {}

  @Get('me/rooms')
  @ApiOperation({ summary: 'My rooms with last seq, read marker and unread count' })
  @ApiOkResponse({ type: [RoomSummaryView] })
  myRooms(@CurrentUser() user: AuthUser): Promise<RoomSummaryView[]> {
    return this.rooms.listForUser(user.id);
  }

  @Post('rooms/direct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open (or get) a direct conversation, if the other person’s DM setting and blocks allow it' })
  @ApiOkResponse({ type: RoomSummaryView })
  openDirect(@CurrentUser() user: AuthUser, @Body() dto: OpenDirectRoomDto): Promise<RoomSummaryView> {
    return this.direct.open(user, dto.userId);
  }

  @Get('rooms/:roomId/messages')
  @ApiOperation({ summary: 'Message history by seq: after=SEQ (catch-up) or before=SEQ (scroll back); ascending' })
  @ApiOkResponse({ type: MessagePageView })
  history(@CurrentUser() user: AuthUser, @Param('roomId', uuid()) roomId: string, @Query() q: HistoryQueryDto): Promise<MessagePageView> {
    return this.messages.history(user.id, roomId, q);
  }

  @Post('rooms/:roomId/messages')
  @ApiOperation({ summary: 'Send a message (same semantics as the socket event message:send; answered after commit)' })
  @ApiCreatedResponse({ type: MessageView })
  send(@CurrentUser() user: AuthUser, @Param('roomId', uuid()) roomId: string, @Body() dto: SendMessageBodyDto): Promise<MessageView> {
    return this.messages.send(user, { ...dto, roomId });
  }

  @Post('rooms/:roomId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move my read marker forward to seq' })
  markRead(@CurrentUser() user: AuthUser, @Param('roomId', uuid()) roomId: string, @Body() dto: ReadMarkerBodyDto) {
    return this.rooms.markRead(user.id, roomId, dto.seq);
  }

  @Patch('messages/:messageId')
  @ApiOperation({ summary: 'Edit my message' })
  @ApiOkResponse({ type: MessageView })
  edit(@CurrentUser() user: AuthUser, @Param('messageId', uuid()) messageId: string, @Body() dto: MessageBodyDto): Promise<MessageView> {
    return this.messages.edit(user, messageId, dto.body);
  }

  @Delete('messages/:messageId')
  @ApiOperation({ summary: 'Delete my message (it stays as a tombstone without its body)' })
  @ApiOkResponse({ type: MessageView })
  delete(@CurrentUser() user: AuthUser, @Param('messageId', uuid()) messageId: string): Promise<MessageView> {
    return this.messages.delete(user, messageId);
  }

  @Post('messages/:messageId/reactions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add my reaction' })
  @ApiOkResponse({ type: MessageView })
  react(@CurrentUser() user: AuthUser, @Param('messageId', uuid()) messageId: string, @Body() dto: ReactionBodyDto): Promise<MessageView> {
    return this.messages.react(user, messageId, dto.emoji, true);
  }

  @Delete('messages/:messageId/reactions/:emoji')
  @ApiOperation({ summary: 'Remove my reaction' })
  @ApiOkResponse({ type: MessageView })
  unreact(@CurrentUser() user: AuthUser, @Param() p: ReactionDto): Promise<MessageView> {
    return this.messages.react(user, p.messageId, p.emoji, false);
  }
}
