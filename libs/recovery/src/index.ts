export * from './recovery.module';
export { SafetyPlanService } from './safety-plan.service';
export type { SafetyPlanCrisisExcerpt } from './safety-plan.service';
export * from './recovery.events';
export { hasSupportRelationship } from './support-relationship';
