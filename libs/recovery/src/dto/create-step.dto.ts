import { StepInputDto } from './create-goal.dto';

export class CreateStepDto extends StepInputDto {}
