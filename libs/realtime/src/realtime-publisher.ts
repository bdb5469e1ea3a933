import { Injectable } from '@nestjs/common';
import { channels } from './channels';
import type { ServerEventName, ServerEventPayload } from './socket-events';
import type { HearthRemoteSocket, HearthServer } from './socket.types';

/**
 * The one way any lib pushes to sockets. Everything goes through the socket.io
 * adapter, so it reaches sockets on every instance. Call it after commit
 * (from an after-commit event listener or a `Tx.afterCommit`), never inside a
 * transaction that may still roll back.
 */
@Injectable()
export class RealtimePublisher {
  private server?: HearthServer;

  /** Called once by the realtime gateway when socket.io is up. */
  attach(server: HearthServer): void {
    this.server = server;
  }

  toRoom<E extends ServerEventName>(roomId: string, event: E, payload: ServerEventPayload<E>, options: { exceptUsers?: readonly string[] } = {}): void {
    if (!this.server) return;
    let target = this.server.to(channels.room(roomId));
    if (options.exceptUsers?.length) target = target.except(options.exceptUsers.map(channels.user));
    (target.emit as (e: E, p: ServerEventPayload<E>) => boolean)(event, payload);
  }

  toUser<E extends ServerEventName>(userId: string | readonly string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.server) return;
    const ids = typeof userId === 'string' ? [userId] : userId;
    if (!ids.length) return;
    const target = this.server.to(ids.map(channels.user));
    (target.emit as (e: E, p: ServerEventPayload<E>) => boolean)(event, payload);
  }

  /** Makes every socket of the user leave the room, on every instance, and tells them why. */
  removeFromRoom(userId: string, roomId: string, reason?: string): void {
    if (!this.server) return;
    this.server.in(channels.user(userId)).socketsLeave(channels.room(roomId));
    this.server.to(channels.user(userId)).emit('room:removed', { roomId, reason });
  }

  /**
   * Ends sockets: of given sessions, or of every session of the user (optionally
   * all but one), on every instance, after a `session:ended` event.
   */
  async endSessions(e: { userId: string; sessionIds: readonly string[] | 'all'; exceptSessionId?: string; reason: string }): Promise<void> {
    const server = this.server;
    if (!server) return;
    if (e.sessionIds !== 'all') {
      for (const sid of e.sessionIds) {
        server.to(channels.session(sid)).emit('session:ended', { reason: e.reason });
        server.in(channels.session(sid)).disconnectSockets(true);
      }
      return;
    }
    if (!e.exceptSessionId) {
      server.to(channels.user(e.userId)).emit('session:ended', { reason: e.reason });
      server.in(channels.user(e.userId)).disconnectSockets(true);
      return;
    }
    for (const s of await server.in(channels.user(e.userId)).fetchSockets()) {
      if (s.data.user?.sessionId !== e.exceptSessionId) {
        s.emit('session:ended', { reason: e.reason });
        s.disconnect(true);
      }
    }
  }

  /** The sockets in a room, on every instance (for presence). */
  async roomSockets(roomId: string): Promise<HearthRemoteSocket[]> {
    if (!this.server) return [];
    return this.server.in(channels.room(roomId)).fetchSockets();
  }
}
