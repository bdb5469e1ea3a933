import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ThemesService } from '@hearth/themes';
import { UsersService } from './users.service';
import { UpdateMeDto } from './dto/update-me.dto';
import { MeView, toMeView } from './dto/user.view';

@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersService,
    private readonly themes: ThemesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async get(userId: string): Promise<MeView> {
    const user = await this.users.getById(userId);
    return toMeView(user, await this.themes.themesOfUser(userId));
  }

  /** Profile and themes change together or not at all (an unknown theme id leaves the profile as it was). */
  async update(userId: string, dto: UpdateMeDto): Promise<MeView> {
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.updateProfile(userId, dto, em);
      const themes = dto.themeIds !== undefined ? await this.themes.setUserThemes(em, userId, dto.themeIds) : await this.themes.themesOfUser(userId, em);
      return toMeView(user, themes);
    });
  }
}
