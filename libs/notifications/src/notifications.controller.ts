import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQueryDto } from '@hearth/common';
import { NotificationsService } from './notifications.service';
import { NotificationPageView, NotificationView } from './dto/notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first (mentions, replies, approvals, …)' })
  @ApiOkResponse({ type: NotificationPageView })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<NotificationPageView> {
    return this.notifications.list(user.id, q.limit ?? 20, q.cursor);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiNoContentResponse()
  readAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentUser() user: AuthUser, @Param('notificationId', new ParseUUIDPipe()) id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.id, id);
  }
}
