import type { Notification } from './entities/notification.entity';

declare module '@hearth/common' {
  interface DomainEventMap {
    /** Committed notifications: pushed live to their person as `notification`. */
    'notification.created': Notification[];
  }
}
export {};
