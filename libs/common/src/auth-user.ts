import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export type PlatformRole = 'member' | 'peer' | 'admin';

/** Who is calling: what the JWT strategy and the socket handshake put on the request/socket. */
export interface AuthUser {
  id: string;
  username: string;
  role: PlatformRole;
  /** The refresh-token family (session) this access token belongs to. */
  sessionId: string;
}

export const IS_PUBLIC = 'hearth:isPublic';
/** Marks a route that needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthUser }>();
  return req.user;
});

export const isPlatformAdmin = (u: Pick<AuthUser, 'role'>) => u.role === 'admin';
