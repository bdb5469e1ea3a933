import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AuthConfig } from '@hearth/config';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { authErrors } from './auth.errors';

const AUTH_THROTTLED = 'hearth:authThrottled';
/** Login and register: limited per client address and per username on top of the API-wide limit. */
export const AuthThrottle = () => SetMetadata(AUTH_THROTTLED, true);

export function throttlerOptions(config: ConfigService, reflector: Reflector): ThrottlerModuleOptions {
  const authLimit = config.getOrThrow<AuthConfig>('auth').throttleLimit;
  const notAuthRoute = (ctx: ExecutionContext) => !reflector.get<boolean>(AUTH_THROTTLED, ctx.getHandler());
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.getOrThrow<AppConfig>('app').apiThrottleLimit },
      { name: 'auth-ip', ttl: 60_000, limit: authLimit, skipIf: notAuthRoute },
      {
        name: 'auth-user',
        ttl: 60_000,
        limit: authLimit,
        skipIf: notAuthRoute,
        getTracker: (req: Record<string, any>) => {
          const name = req.body?.username;
          return `user:${typeof name === 'string' ? name.toLowerCase().slice(0, 64) : '-'}`;
        },
      },
    ],
  };
}

/** Answers 429 in the API's error shape, with a plain Retry-After header. */
@Injectable()
export class HearthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw authErrors.tooManyAttempts(seconds);
  }
}
