export * from './auth.module';
export * from './auth.service';
export * from './auth-throttle';
export * from './guards/jwt-auth.guard';
export * from './admin-bootstrap.service';
export * from './dto/auth.dto';
export * from './auth.events';
export * from './auth.errors';
