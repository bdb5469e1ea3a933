import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthConfig } from '@hearth/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuthUser, PlatformRole } from '@hearth/common';
import { authErrors } from './auth.errors';
import { Transactions, Tx } from '@hearth/database';
import { toMeView, User, UsersService } from '@hearth/users';
import { AuthSession } from './entities/auth-session.entity';
import type { SessionsRevokedEvent } from './auth.events';
import { assertPasswordAcceptable } from './password-policy';
import type { AuthResultView, ChangePasswordDto, RegisterDto, TokenPairView } from './dto/auth.dto';

const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  name: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  /** A real hash to compare against when the username does not exist, so timing does not reveal it. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
  ) {}

  private auth(): AuthConfig {
    return this.config.getOrThrow<AuthConfig>('auth');
  }

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async register(dto: RegisterDto): Promise<AuthResultView> {
    assertPasswordAcceptable(dto.password, dto.username);
    const passwordHash = await this.hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.create({ username: dto.username, displayName: dto.displayName, passwordHash }, em);
      const tokens = await this.openSession(user, em);
      return { user: toMeView(user), ...tokens };
    });
  }

  /** Used by the local strategy. Suspended accounts are refused with their own code. */
  async validateCredentials(username: string, password: string): Promise<User> {
    const user = await this.users.findByUsernameWithSecret(username);
    if (!user || user.status === 'deleted') {
      this.dummyHash ??= this.hashPassword(randomBytes(16).toString('hex'));
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      throw authErrors.wrongCredentials();
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok) throw authErrors.wrongCredentials();
    if (user.status === 'suspended') throw authErrors.suspended();
    return user;
  }

  async login(user: User): Promise<AuthResultView> {
    const tokens = await this.openSession(user, this.sessions.manager);
    return { user: toMeView(user), ...tokens };
  }

  async refresh(refreshToken: string): Promise<TokenPairView> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw authErrors.refreshTokenInvalid();
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw authErrors.refreshTokenInvalid();
    const presented = Buffer.from(sha256(secret));
    if (!timingSafeEqual(presented, Buffer.from(session.tokenHash))) {
      // An old token of this family: it was stolen or replayed. End the whole session.
      await this.revokeSessions({ userId: session.userId, sessionIds: [session.id], reason: 'reuse_detected' });
      throw authErrors.refreshTokenReused();
    }
    const user = await this.users.findById(session.userId);
    if (!user || user.status !== 'active') {
      throw authErrors.accountUnusable();
    }
    const nextSecret = randomBytes(32).toString('base64url');
    // Conditional on the hash we checked: of two concurrent refreshes only one rotates.
    const result = await this.sessions
      .createQueryBuilder()
      .update(AuthSession)
      .set({ tokenHash: sha256(nextSecret), generation: () => 'generation + 1', lastUsedAt: new Date() })
      .where('id = :id AND token_hash = :hash AND revoked_at IS NULL', { id: session.id, hash: session.tokenHash })
      .execute();
    if (!result.affected) {
      await this.revokeSessions({ userId: session.userId, sessionIds: [session.id], reason: 'reuse_detected' });
      throw authErrors.refreshTokenReused();
    }
    return { accessToken: await this.signAccess(user, session.id), refreshToken: `${session.id}.${nextSecret}`, expiresIn: this.accessTtl };
  }

  /** Idempotent: logging out with an unknown or already revoked token still succeeds. */
  async logout(refreshToken: string, caller?: AuthUser): Promise<void> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) return;
    const session = await this.sessions.findOne({ where: { id: sessionId, revokedAt: IsNull() } });
    if (!session) return;
    const owns = caller ? caller.id === session.userId : session.tokenHash === sha256(secret);
    if (!owns) return;
    await this.revokeSessions({ userId: session.userId, sessionIds: [session.id], reason: 'logout' });
  }

  async changePassword(caller: AuthUser, dto: ChangePasswordDto): Promise<TokenPairView> {
    const user = await this.users.getById(caller.id);
    const ok = await argon2.verify(await this.users.getPasswordHash(caller.id), dto.currentPassword).catch(() => false);
    if (!ok) throw authErrors.wrongCurrentPassword();
    assertPasswordAcceptable(dto.newPassword, user.username);
    const hash = await this.hashPassword(dto.newPassword);
    return this.transactions.run(async (tx) => {
      await this.users.setPasswordHash(user.id, hash, tx.em);
      // Every session ends, the caller's too: the caller continues on the fresh session
      // returned here, so a token taken before the change is useless.
      await this.revokeSessions({ userId: user.id, sessionIds: 'all', reason: 'password_changed' }, tx);
      return this.openSession(user, tx.em);
    });
  }

  /** Revokes the sessions; their sockets end once the (given or own) transaction commits. */
  async revokeSessions(event: SessionsRevokedEvent, within?: Tx): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        await this.revokeInTx(tx.em, event);
        tx.emit('auth.sessions.revoked', event);
      },
      { within },
    );
  }

  private async revokeInTx(em: EntityManager, event: SessionsRevokedEvent): Promise<void> {
    const qb = em
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: event.reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId: event.userId });
    if (event.sessionIds !== 'all') qb.andWhere('id IN (:...ids)', { ids: event.sessionIds });
    if (event.exceptSessionId) qb.andWhere('id <> :except', { except: event.exceptSessionId });
    await qb.execute();
  }

  /** Resolves an access token to the caller, checking the session is still live and the account active. */
  async authenticateAccessToken(token: string): Promise<AuthUser> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: this.auth().jwtIssuer,
        audience: this.auth().jwtAudience,
      });
    } catch {
      throw authErrors.accessTokenInvalid();
    }
    return this.authenticateClaims(claims);
  }

  async authenticateClaims(claims: AccessTokenClaims): Promise<AuthUser> {
    if (typeof claims?.sub !== 'string' || typeof claims?.sid !== 'string') {
      throw authErrors.accessTokenMalformed();
    }
    const rows: Array<{ id: string; username: string; role: PlatformRole; status: string }> = await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.status
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [claims.sid, claims.sub],
    );
    const row = rows[0];
    if (!row) throw authErrors.sessionEnded();
    if (row.status !== 'active') throw authErrors.suspended();
    return { id: row.id, username: row.username, role: row.role, sessionId: claims.sid };
  }

  /** Seconds until the token expires (for disconnecting sockets on expiry). */
  accessTokenExpiry(token: string): number | undefined {
    const decoded = this.jwt.decode<{ exp?: number }>(token);
    return decoded?.exp;
  }

  async listSessions(userId: string): Promise<AuthSession[]> {
    return this.sessions.find({ where: { userId, revokedAt: IsNull() }, order: { lastUsedAt: 'DESC' } });
  }

  async revokeSessionById(caller: AuthUser, sessionId: string): Promise<void> {
    const s = await this.sessions.findOne({ where: { id: sessionId, userId: caller.id, revokedAt: IsNull() } });
    if (!s) throw authErrors.sessionNotFound();
    await this.revokeSessions({ userId: caller.id, sessionIds: [s.id], reason: 'logout' });
  }

  async sessionsByIds(ids: string[]): Promise<AuthSession[]> {
    return ids.length ? this.sessions.find({ where: { id: In(ids) } }) : [];
  }

  private get accessTtl(): number {
    return this.auth().accessTokenTtlSeconds;
  }

  private signAccess(user: Pick<User, 'id' | 'username'>, sessionId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, name: user.username };
    return this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.accessTtl,
      issuer: this.auth().jwtIssuer,
      audience: this.auth().jwtAudience,
    });
  }

  private async openSession(user: User, em: EntityManager): Promise<TokenPairView> {
    const secret = randomBytes(32).toString('base64url');
    const ttl = this.auth().refreshTokenTtlSeconds;
    const session = await em.save(
      em.create(AuthSession, {
        userId: user.id,
        tokenHash: sha256(secret),
        lastUsedAt: new Date(),
        expiresAt: new Date(Date.now() + ttl * 1000),
      }),
    );
    return { accessToken: await this.signAccess(user, session.id), refreshToken: `${session.id}.${secret}`, expiresIn: this.accessTtl };
  }
}
