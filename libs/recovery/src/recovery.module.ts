import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModerationModule } from '@hearth/moderation';
import { NotificationsModule } from '@hearth/notifications';
import { UsersModule } from '@hearth/users';
import { RecoveryPlan } from './entities/recovery-plan.entity';
import { RecoveryGoal } from './entities/recovery-goal.entity';
import { RecoveryGoalStep } from './entities/recovery-goal-step.entity';
import { RecoveryIndicator } from './entities/recovery-indicator.entity';
import { RecoveryCheckIn } from './entities/recovery-check-in.entity';
import { SafetyPlan } from './entities/safety-plan.entity';
import { RecoveryShare } from './entities/recovery-share.entity';
import { RecoveryShareRead } from './entities/recovery-share-read.entity';
import { RecoveryShareComment } from './entities/recovery-share-comment.entity';
import { RecoveryService } from './recovery.service';
import { SafetyPlanService } from './safety-plan.service';
import { RecoverySharesService } from './recovery-shares.service';
import { RecoveryPersonalData } from './recovery.personal-data';
import { SafetyPlanCrisisBridge } from './safety-plan-crisis.bridge';
import { RecoveryController } from './recovery.controller';
import { SafetyPlanController } from './safety-plan.controller';
import { RecoverySharesController } from './recovery-shares.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([RecoveryPlan, RecoveryGoal, RecoveryGoalStep, RecoveryIndicator, RecoveryCheckIn, SafetyPlan, RecoveryShare, RecoveryShareRead, RecoveryShareComment]),
    NotificationsModule,
    UsersModule,
    ModerationModule,
  ],
  controllers: [RecoveryController, SafetyPlanController, RecoverySharesController],
  providers: [RecoveryService, SafetyPlanService, RecoverySharesService, RecoveryPersonalData, SafetyPlanCrisisBridge],
  exports: [SafetyPlanService],
})
export class RecoveryModule {}
