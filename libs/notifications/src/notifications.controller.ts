import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQueryDto } from '@hearth/common';
import { NotificationsService } from './notifications.service';
import { NotificationPageView, NotificationPreferencesView, NotificationView } from './dto/notification.view';
import { UpdateNotificationPreferencesDto } from './dto/update-notification-preferences.dto';

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

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notification preferences: for every kind, whether it is kept in-app and pushed live' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  get(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesView> {
    return this.notifications.getPreferences(user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change some kinds (others keep their setting); in-app off means the kind is not stored at all, live off means it is stored but not pushed' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesView> {
    return this.notifications.updatePreferences(user.id, dto);
  }
}
