import type { RemoteSocket, Server, Socket } from 'socket.io';
import type { AuthUser } from '@hearth/common';
import type { ClientToServerEvents, ServerToClientEvents } from './socket-events';

/** The caller, as the handshake authenticated them. */
export interface SocketUser extends AuthUser {
  /** Read at the handshake and again on every join (the privacy setting may change). */
  showPresence: boolean;
}

export interface SocketData {
  user: SocketUser;
  /** Per-socket "last time" marks for throttled events (e.g. typing per room). */
  lastAt: Map<string, number>;
  expiryTimer?: NodeJS.Timeout;
}

type InterServerEvents = Record<string, never>;
export type HearthSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type HearthServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type HearthRemoteSocket = RemoteSocket<ServerToClientEvents, SocketData>;
