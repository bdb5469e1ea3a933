export * from './transactions';
export * from './stream-rows';
export * from './database.module';
export * from './embedded-postgres';
export * from './run-migrations';
export * from './migrations';
export * from './pg-errors';
export * from './bigint-transformer';
