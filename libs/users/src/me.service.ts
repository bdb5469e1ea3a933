import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from './users.service';
import { UpdateMeDto } from './dto/update-me.dto';
import { MeView, toMeView } from './dto/user.view';

@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async get(userId: string): Promise<MeView> {
    return toMeView(await this.users.getById(userId));
  }

  async update(userId: string, dto: UpdateMeDto): Promise<MeView> {
    const user = await this.dataSource.transaction((em) => this.users.updateProfile(userId, dto, em));
    return toMeView(user);
  }
}
