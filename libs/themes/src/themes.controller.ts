import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { ThemesService } from './themes.service';
import { CreateThemeDto } from './dto/create-theme.dto';
import { SearchThemesDto } from './dto/search-themes.dto';
import { ThemeSuggestionsQueryDto } from './dto/theme-suggestions.dto';
import { MergeThemeDto } from './dto/merge-theme.dto';
import { CreatedThemeView, ThemePageView, ThemeSuggestionsView, ThemeView } from './dto/theme.view';

const uuid = new ParseUUIDPipe();

@ApiTags('themes')
@ApiBearerAuth()
@Controller('themes')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Get()
  @ApiOperation({ summary: 'Find themes by words in their name or description (accent-insensitive, tolerant of misspellings)' })
  @ApiOkResponse({ type: ThemePageView })
  search(@Query() query: SearchThemesDto): Promise<ThemePageView> {
    return this.themes.search(query);
  }

  @Get('suggestions')
  @ApiOperation({ summary: 'Before proposing a theme: the existing theme with the same name, and similar ones' })
  @ApiOkResponse({ type: ThemeSuggestionsView })
  suggestions(@Query() query: ThemeSuggestionsQueryDto): Promise<ThemeSuggestionsView> {
    return this.themes.suggestions(query.name);
  }

  @Post()
  @ApiOperation({ summary: 'Propose a theme in your own words; 409 THEME_EXISTS (details.themeId) when it already exists' })
  @ApiCreatedResponse({ type: CreatedThemeView })
  @ApiConflictResponse({ description: 'THEME_EXISTS: same name up to case, accents and spacing; details.themeId names it' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateThemeDto): Promise<CreatedThemeView> {
    return this.themes.create(user, dto);
  }

  @Get(':themeId')
  @ApiOperation({ summary: 'One theme (a merged one shows mergedIntoId)' })
  @ApiOkResponse({ type: ThemeView })
  get(@Param('themeId', uuid) themeId: string): Promise<ThemeView> {
    return this.themes.get(themeId);
  }

  @Post(':themeId/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge this theme into another; its groups and people move there (platform admins)' })
  @ApiOkResponse({ type: ThemeView, description: 'The surviving theme' })
  merge(@CurrentUser() user: AuthUser, @Param('themeId', uuid) themeId: string, @Body() dto: MergeThemeDto): Promise<ThemeView> {
    return this.themes.merge(user, themeId, dto.intoThemeId);
  }
}
