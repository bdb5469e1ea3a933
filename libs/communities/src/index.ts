export * from './communities.module';
export * from './communities.service';
export * from './entities/community.entity';
export * from './dto/community.view';
export * from './dto/create-community.dto';
export * from './dto/update-community.dto';
export * from './dto/list-communities.dto';
export * from './dto/appoint-community-admin.dto';
