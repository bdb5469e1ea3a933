import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { SafetyPlanService } from './safety-plan.service';
import { PutSafetyPlanDto } from './dto/put-safety-plan.dto';
import { SafetyPlanView } from './dto/recovery.view';

@ApiTags('recovery')
@ApiBearerAuth()
@Controller('me/safety-plan')
export class SafetyPlanController {
  constructor(private readonly safetyPlans: SafetyPlanService) {}

  @Get()
  @ApiOperation({ summary: 'My safety plan (empty lists until I write it); private to me' })
  @ApiOkResponse({ type: SafetyPlanView })
  get(@CurrentUser() user: AuthUser): Promise<SafetyPlanView> {
    return this.safetyPlans.get(user.id);
  }

  @Put()
  @ApiOperation({
    summary:
      'Write my safety plan: warning signs, what helps me cope on my own, people and places that take my mind off things, people I can ask for help, services I can contact, making my space safer, what matters to me',
  })
  @ApiOkResponse({ type: SafetyPlanView })
  put(@CurrentUser() user: AuthUser, @Body() dto: PutSafetyPlanDto): Promise<SafetyPlanView> {
    return this.safetyPlans.put(user.id, dto);
  }
}
