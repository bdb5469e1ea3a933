export * from './users.module';
export * from './users.service';
export * from './entities/user.entity';
export * from './dto/user.view';
export * from './dto/update-me.dto';
export * from './dto/admin-update-user.dto';
export * from './blocks.service';
export * from './entities/user-block.entity';
