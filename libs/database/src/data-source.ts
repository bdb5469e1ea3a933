import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from './migrations';

/**
 * For the TypeORM CLI (`npm run migration:generate|run|revert`). Needs DATABASE_URL;
 * `npm start` prints the embedded database's URL at debug level, or point it at any PostgreSQL.
 */
export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [__dirname + '/../../*/src/**/*.entity.{ts,js}'],
  migrations,
  synchronize: false,
});
