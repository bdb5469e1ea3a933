export * from './realtime.module';
export * from './realtime-publisher';
export * from './shutdown-drain';
export * from './hearth-io.adapter';
export * from './channels';
export * from './socket-event.decorator';
export * from './socket.types';
export type * from './socket-events';
