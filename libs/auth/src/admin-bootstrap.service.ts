import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthConfig } from '@hearth/config';
import { UsersService } from '@hearth/users';
import { isUniqueViolation } from '@hearth/database';
import { AppError, ErrorCode } from '@hearth/common';
import { AuthService } from './auth.service';

/** Creates the first platform admin from ADMIN_USERNAME / ADMIN_PASSWORD when that account is absent. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly config: ConfigService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUsername: username, adminPassword: password } = this.config.getOrThrow<AuthConfig>('auth');
    if (!username || !password) return;
    await this.ensureAdmin(username, password);
  }

  async ensureAdmin(username: string, password: string): Promise<'created' | 'exists'> {
    if (await this.users.findByUsernameWithSecret(username)) return 'exists';
    try {
      await this.users.create({ username, passwordHash: await this.auth.hashPassword(password), role: 'admin' });
      this.logger.log(`Created platform admin "${username}"`);
      return 'created';
    } catch (e) {
      // Another instance created it at the same moment.
      if (isUniqueViolation(e) || (e instanceof AppError && e.code === ErrorCode.USERNAME_TAKEN)) return 'exists';
      throw e;
    }
  }
}
