import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthConfig } from '@hearth/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from '@hearth/common';
import { AccessTokenClaims, AuthService } from '../auth.service';
import { jwtKey } from '../jwt-key';

/** Bearer JWT with pinned algorithm, issuer and audience; the session is checked live on every request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKey(config.getOrThrow<AuthConfig>('auth').jwtSecret) as unknown as string,
      algorithms: ['HS256'],
      issuer: config.getOrThrow<AuthConfig>('auth').jwtIssuer,
      audience: config.getOrThrow<AuthConfig>('auth').jwtAudience,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Promise<AuthUser> {
    return this.auth.authenticateClaims(claims);
  }
}
