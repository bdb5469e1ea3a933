import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The append-only audit log (see the migration for the trigger that keeps it so). */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
