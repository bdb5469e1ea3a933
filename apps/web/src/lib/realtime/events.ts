/**
 * The socket.io event maps, taken type-only from the server so the client cannot drift from it.
 * Nothing from the server is bundled: these imports vanish at build time.
 */
export type { ClientToServerEvents, ServerToClientEvents, Ack } from '@hearth/socket-events';
