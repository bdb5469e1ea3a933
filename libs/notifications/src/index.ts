export * from './notifications.module';
export * from './notifications.service';
export * from './entities/notification.entity';
export * from './dto/notification.view';
export * from './notifications.events';
export * from './entities/notification-preference.entity';
export * from './dto/update-notification-preferences.dto';
