import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { AuthService, SessionsRevokedEvent } from '@hearth/auth';
import { AppError, ErrorCode, mapError, OnDomainEvent } from '@hearth/common';
import type { RealtimeConfig, AppConfig } from '@hearth/config';
import { UsersService } from '@hearth/users';
import { channels } from './channels';
import { RealtimePublisher } from './realtime-publisher';
import { ShutdownDrain } from './shutdown-drain';
import type { HearthServer, HearthSocket } from './socket.types';

class HandshakeError extends Error {
  constructor(readonly data: { code: string; message: string }) {
    super(data.message);
  }
}

/**
 * The transport edge every feature gateway shares: authenticates the handshake
 * (token in `auth.token` only, Origin, per-account connection cap), puts the
 * caller on `socket.data.user`, joins their user and session channels, ends
 * the socket when its token expires, and hands the server to the publisher.
 * Guards do not run on connection (nestjs/nest#882), hence the middleware.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  /** Sockets per user on this instance (the connection cap). */
  private readonly perUser = new Map<string, number>();
  private readonly corsOrigins: string[];
  private readonly maxConnectionsPerUser: number;
  private readonly drainMs: number;
  private server?: HearthServer;

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly publisher: RealtimePublisher,
    private readonly drain: ShutdownDrain,
    config: ConfigService,
  ) {
    this.corsOrigins = config.getOrThrow<AppConfig>('app').corsOrigins;
    this.drainMs = config.getOrThrow<AppConfig>('app').shutdownDrainMs;
    this.maxConnectionsPerUser = config.getOrThrow<RealtimeConfig>('realtime').maxConnectionsPerUser;
  }

  afterInit(server: HearthServer): void {
    this.server = server;
    this.publisher.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket as HearthSocket).then(
        () => next(),
        (e: unknown) => {
          const m = mapError(e);
          next(new HandshakeError({ code: String(m.code), message: m.message }));
        },
      );
    });
  }

  private originAllowed(socket: HearthSocket): boolean {
    const origin = socket.handshake.headers.origin;
    if (!origin) return true; // not a browser: no ambient credentials to abuse
    const allowed = this.corsOrigins;
    if (allowed.includes('*') || allowed.includes(origin)) return true;
    try {
      return allowed.length === 0 && new URL(origin).host === socket.handshake.headers.host;
    } catch {
      return false;
    }
  }

  private async authenticate(socket: HearthSocket): Promise<void> {
    this.drain.assertAccepting();
    if (!this.originAllowed(socket)) throw new AppError(ErrorCode.FORBIDDEN, 'Origin not allowed');
    const q = socket.handshake.query ?? {};
    if ('token' in q || 'access_token' in q || 'accessToken' in q) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send the access token in auth.token, never in the query string');
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'auth.token is required');
    const user = await this.auth.authenticateAccessToken(token);
    const max = this.maxConnectionsPerUser;
    if ((this.perUser.get(user.id) ?? 0) >= max) {
      throw new AppError(ErrorCode.TOO_MANY_CONNECTIONS, `At most ${max} connections per account`);
    }
    const profile = await this.users.findById(user.id);
    socket.data.user = { ...user, showPresence: profile?.showPresence ?? true };
    socket.data.lastAt = new Map();
    const exp = this.auth.accessTokenExpiry(token);
    if (exp) {
      const ms = exp * 1000 - Date.now();
      socket.data.expiryTimer = setTimeout(
        () => {
          socket.emit('session:ended', { reason: 'token_expired' });
          socket.disconnect(true);
        },
        Math.max(0, Math.min(ms, 2 ** 31 - 1)),
      );
      socket.data.expiryTimer.unref?.();
    }
  }

  handleConnection(socket: HearthSocket): void {
    const user = socket.data.user;
    if (!user) return void socket.disconnect(true);
    this.perUser.set(user.id, (this.perUser.get(user.id) ?? 0) + 1);
    void socket.join([channels.user(user.id), channels.session(user.sessionId)]);
  }

  handleDisconnect(socket: HearthSocket): void {
    const user = socket.data.user;
    if (!user) return;
    if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
    const n = (this.perUser.get(user.id) ?? 1) - 1;
    if (n <= 0) this.perUser.delete(user.id);
    else this.perUser.set(user.id, n);
  }

  /**
   * SIGTERM: refuse new connections and sends, finish what was accepted (acks go
   * out), then tell this instance's sockets to reconnect elsewhere and close them.
   * Nest closes the HTTP server, the pool and PostgreSQL only after this returns.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain.drain(this.drainMs);
    const local = this.server?.local;
    if (!local) return;
    local.emit('server:restarting', { retryAfterMs: 1000 });
    local.disconnectSockets(true);
  }

  @OnDomainEvent('auth.sessions.revoked')
  async onSessionsRevoked(e: SessionsRevokedEvent): Promise<void> {
    try {
      await this.publisher.endSessions(e);
    } catch (err) {
      this.logger.warn(`Ending sockets failed: ${(err as Error)?.message}`);
    }
  }
}
