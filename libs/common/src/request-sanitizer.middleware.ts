import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { assertSafeInput } from './request-sanitizer';

@Injectable()
export class RequestSanitizerMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    try {
      assertSafeInput(req.body, 'body');
      assertSafeInput(req.query, 'query');
      assertSafeInput(req.params, 'path');
      next();
    } catch (e) {
      next(e);
    }
  }
}
