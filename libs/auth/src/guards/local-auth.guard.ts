import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, validationError } from '@hearth/common';
import { authErrors } from '../auth.errors';
import { LoginDto } from '../dto/auth.dto';

/**
 * Guards run before pipes, so the login body is validated here first: a malformed
 * login is a 400 naming the field, not passport's generic 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ body: unknown }>();
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw authErrors.loginBodyNotObject();
    }
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw validationError(errors);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw authErrors.wrongCredentials();
    return user;
  }
}
