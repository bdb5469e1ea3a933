import './moderation.events';

export * from './moderation.module';
export * from './moderation.events';
export * from './crisis/crisis.service';
export * from './crisis/crisis-defaults';
export * from './moderation-scope';
export { ActionsService } from './actions.service';
export { CasesService, caseKeys } from './cases.service';
export { PhraseMatcher } from './matching/phrase-matcher';
export { normalizeForMatch, foldWords } from './matching/normalize';
export { CrisisResourceView, SafetyPlanPartView } from './dto/moderation.views';
