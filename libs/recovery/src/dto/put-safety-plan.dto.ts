import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const SAFETY_ITEMS_MAX = 20;
export const SAFETY_ITEM_LENGTH = 500;

const Items = (description: string) => (target: object, key: string) => {
  ApiProperty({ type: [String], maxItems: SAFETY_ITEMS_MAX, description: `${description} (each at most ${SAFETY_ITEM_LENGTH} characters)` })(target, key);
  IsArray()(target, key);
  ArrayMaxSize(SAFETY_ITEMS_MAX)(target, key);
  IsString({ each: true })(target, key);
  MinLength(1, { each: true })(target, key);
  MaxLength(SAFETY_ITEM_LENGTH, { each: true })(target, key);
  Matches(/\S/, { each: true, message: `${key} must not contain blank items` })(target, key);
};

/** The whole plan is replaced at once (each step may be an empty list). */
export class PutSafetyPlanDto {
  @Items('My warning signs') warningSigns: string[];
  @Items('What helps me cope on my own') copingStrategies: string[];
  @Items('People and places that take my mind off things') distractions: string[];
  @Items('People I can ask for help') peopleICanAsk: string[];
  @Items('Services I can contact') services: string[];
  @Items('Making my space safer') saferSpace: string[];
  @Items('What matters to me') whatMatters: string[];
}
