import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { MeService } from './me.service';
import { UpdateMeDto } from './dto/update-me.dto';
import { MeView } from './dto/user.view';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({ summary: 'My account and profile' })
  @ApiOkResponse({ type: MeView })
  get(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.me.get(user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Update my profile, privacy settings and themes (role and status cannot be changed here)' })
  @ApiOkResponse({ type: MeView })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.me.update(user.id, dto);
  }
}
