import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';

/**
 * Every in-process domain event, by name. Empty here: each lib declares its own
 * events where they are born, in `libs/<lib>/src/<lib>.events.ts`:
 *
 *   declare module '@hearth/common' {
 *     interface DomainEventMap { 'message.created': MessageView }
 *   }
 *
 * so `emit` and `@OnDomainEvent` check the payload against the name.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap;

/**
 * Publishes a domain event to in-process listeners (the realtime relays, other
 * libs). Code inside a transaction queues events on its `Tx` instead, so they
 * are published only after commit.
 */
@Injectable()
export class EventBus {
  constructor(private readonly emitter: EventEmitter2) {}

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }
}

/** `@OnEvent` with the payload type tied to the event name. */
export function OnDomainEvent<K extends DomainEventName>(name: K) {
  return <T extends (payload: DomainEventMap[K]) => unknown>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    OnEvent(name)(target, key, descriptor);
  };
}

@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventBusModule {}
