import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ThemeRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ThemeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'How many groups gather around it' }) groupCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Set when this theme was merged into another' })
  mergedIntoId: string | null;
  @ApiProperty() createdAt: string;
}

export class ThemePageView {
  @ApiProperty({ type: [ThemeView] }) items: ThemeView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreatedThemeView extends ThemeView {
  @ApiProperty({ type: [ThemeView], description: 'Existing themes with a similar name: consider using one of them instead' })
  similar: ThemeView[];
}

export class ThemeSuggestionsView {
  @ApiPropertyOptional({ type: ThemeView, nullable: true, description: 'The existing theme with the same name up to case, accents and spacing' })
  exact: ThemeView | null;
  @ApiProperty({ type: [ThemeView], description: 'Themes with a similar spelling' })
  similar: ThemeView[];
}
