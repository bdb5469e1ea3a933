import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web client (apps/web → dist/web) at `/`, with client routes falling back to
 * index.html. `/api`, `/docs`, `/docs-json`, `/socket.io` and `/assets/*` are left to their own
 * handlers, so a missing asset is a JSON 404, never index.html. Hashed assets are cached for a
 * year (their names change with their content); index.html is revalidated on every load.
 */
export function webClientDir(): string | null {
  const candidates = [
    join(__dirname, '..', '..', '..', 'web'), // compiled: dist/apps/api/src → dist/web
    join(__dirname, '..', '..', '..', 'dist', 'web'), // from source (tests): apps/api/src → dist/web
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

export const WEB_EXCLUDE = ['/api/{*path}', '/docs{*path}', '/socket.io/{*path}', '/assets/{*path}'];

@Module({})
export class WebClientModule {
  static register(): DynamicModule {
    const rootPath = webClientDir();
    if (!rootPath) return { module: WebClientModule }; // API only: the client was not built
    return {
      module: WebClientModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: WEB_EXCLUDE,
          serveStaticOptions: {
            index: false,
            fallthrough: true,
            setHeaders: (res: { setHeader: (k: string, v: string) => void }, path: string) => {
              const hashed = /[\\/]assets[\\/]/.test(path);
              res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
            },
          },
        }),
      ],
    };
  }
}
