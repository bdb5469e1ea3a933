import { INestApplicationContext, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, RealtimeConfig } from '@hearth/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Pool } from 'pg';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { DataSource } from 'typeorm';

export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

/** A gateway handler as Nest's WebSocketsController holds it (before binding it to a socket). */
interface SharedSubscriber {
  message: unknown;
  callback: (...args: unknown[]) => unknown;
  isAckHandledManually?: boolean;
}

/*
 * Nest binds every gateway handler to every socket (WebSocketsController.
 * subscribeMessages: `callback.bind(instance, client)` per handler) before the
 * adapter sees it. Route that through the adapter's shared binding instead; if
 * Nest's internals ever change shape, nothing is patched and the adapter's
 * per-socket bindMessageHandlers is used.
 */
function installSharedBinding(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { WebSocketsController } = require('@nestjs/websockets/web-sockets-controller') as {
      WebSocketsController?: { prototype: Record<string, unknown> & { __hearthShared?: boolean } };
    };
    const proto = WebSocketsController?.prototype;
    if (!proto || typeof proto.subscribeMessages !== 'function' || proto.subscribeMessages.length !== 3) return false;
    if (proto.__hearthShared) return true;
    const original = proto.subscribeMessages as (this: { config: { getIoAdapter(): unknown } }, map: SharedSubscriber[], client: Socket, instance: object) => void;
    proto.subscribeMessages = function (this: { config: { getIoAdapter(): unknown } }, map: SharedSubscriber[], client: Socket, instance: object) {
      const adapter = this.config?.getIoAdapter?.();
      if (adapter instanceof HearthIoAdapter && Array.isArray(map)) return adapter.bindSharedMessageHandlers(client, map, instance);
      return original.call(this, map, client, instance);
    };
    proto.__hearthShared = true;
    return true;
  } catch {
    return false;
  }
}

/**
 * socket.io server options and, when several instances run, the adapter that
 * shares rooms between them: Redis when REDIS_URL is set, PostgreSQL
 * (LISTEN/NOTIFY, no extra service) with SOCKET_ADAPTER=postgres.
 */
export class HearthIoAdapter extends IoAdapter {
  private readonly logger = new Logger('SocketAdapter');
  private readonly closers: Array<() => Promise<unknown>> = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
    if (!installSharedBinding()) this.logger.warn('Shared socket handlers unavailable (Nest internals changed): binding per socket');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get(ConfigService);
    const origins = config.getOrThrow<AppConfig>('app').corsOrigins;
    const server: Server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      cors: origins.length ? { origin: origins.includes('*') ? true : origins } : undefined,
      // The Origin header is checked in the gateway's handshake middleware as well.
      allowRequest: undefined,
    });
    const { adapter: kind, redisUrl } = config.getOrThrow<RealtimeConfig>('realtime');
    if (kind === 'redis') {
      if (!redisUrl) throw new Error('SOCKET_ADAPTER=redis needs REDIS_URL');
      const url = redisUrl;
      const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      for (const c of [pub, sub]) c.on('error', (e: Error) => this.logger.warn(`Redis: ${e.message}`));
      server.adapter(createRedisAdapter(pub, sub, { key: 'hearth' }));
      this.closers.push(() => pub.quit().catch(() => undefined), () => sub.quit().catch(() => undefined));
      this.logger.log('socket.io Redis adapter enabled');
    } else if (kind === 'postgres') {
      const ds = this.app.get(DataSource);
      const url = (ds.options as { url?: string }).url;
      // Two connections: the adapter holds one for LISTEN and publishes every NOTIFY on the other, so
      // broadcasts leave in the order they were made (with more, two NOTIFYs could race on different
      // connections and a room would see message 5 before message 4).
      const pool = new Pool({ connectionString: url, max: 2 });
      pool.on('error', (e: Error) => this.logger.warn(`Postgres adapter: ${e.message}`));
      server.adapter(createPostgresAdapter(pool, { channelPrefix: 'hearth', heartbeatInterval: 2000, heartbeatTimeout: 6000 }));
      this.closers.push(() => pool.end().catch(() => undefined));
      this.logger.log('socket.io PostgreSQL adapter enabled');
    }
    return server;
  }

  /**
   * One plain listener per event instead of Nest's rxjs pipeline per socket and
   * event: same dispatch (guards, pipes, the handler, then the ack), but the
   * bench measured ~63 KB per idle connection with the pipelines and ~16 KB
   * without (the bare socket.io server uses ~14 KB). Used only if the shared
   * binding below could not be installed.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], _transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => this.dispatch(socket, args, (data, ack) => callback(data, ack), isAckHandledManually));
    }
  }

  /**
   * What Nest does per socket (bind every handler to the socket, then give the
   * adapter one closure per event) costs ~1 KB per idle connection, and a
   * listener array per event another ~0.7 KB. Instead each event gets ONE
   * listener shared by every socket (socket.io calls listeners with the socket
   * as `this`), found through one catch-all listener, also shared: a socket
   * holds a single reference for all its client events.
   */
  bindSharedMessageHandlers(socket: Socket, subscribers: ReadonlyArray<SharedSubscriber>, instance: object): void {
    for (const sub of subscribers) {
      if (this.sharedListeners.has(sub.message as string)) continue;
      const adapter = this;
      const { callback, isAckHandledManually } = sub;
      this.sharedListeners.set(sub.message as string, function (this: Socket, ...args: unknown[]) {
        adapter.dispatch(this, args, (data, ack) => callback.call(instance, this, data, ack), isAckHandledManually);
      });
    }
    if (!socket.listenersAny().includes(this.anyListener)) socket.onAny(this.anyListener);
  }

  /** Client event name → its one listener, for every socket (an event name belongs to one gateway handler). */
  private readonly sharedListeners = new Map<string, (this: Socket, ...args: unknown[]) => void>();

  private readonly anyListener = ((listeners: Map<string, (this: Socket, ...args: unknown[]) => void>) =>
    function (this: Socket, event: string, ...args: unknown[]): void {
      listeners.get(event)?.apply(this, args);
    })(this.sharedListeners);

  private dispatch(socket: Socket, args: unknown[], call: (data: unknown, ack: unknown) => unknown, isAckHandledManually?: boolean): void {
    const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
    void (async () => {
      const result: unknown = await call(data, ack);
      const response = (isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result) as { event?: string; data?: unknown } | null | undefined;
      if (response === null || response === undefined) return;
      if (response.event) {
        socket.emit(response.event, response.data);
        return;
      }
      if (!isAckHandledManually && typeof ack === 'function') ack(response);
    })().catch((e: Error) => this.logger.error(`Socket handler failed: ${e?.message}`));
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.closers.splice(0).map((c) => c()));
  }
}
