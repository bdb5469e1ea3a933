import { Module } from '@nestjs/common';
import { AuthModule } from '@hearth/auth';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';

/**
 * Data rights (export and deletion). Its own lib because it sits above every
 * lib that holds personal data: it needs auth (password check, session
 * revocation) and the personal-data registry that every lib fills, and users
 * cannot depend on auth (auth depends on users).
 */
@Module({
  imports: [AuthModule],
  controllers: [AccountController],
  providers: [AccountService],
})
export class AccountModule {}
