export * from './notifications.module';
export * from './notifications.service';
export * from './entities/notification.entity';
export * from './dto/notification.view';
export * from './notifications.events';
