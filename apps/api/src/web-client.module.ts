import { Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ExpressLoader, type ServeStaticModuleOptions } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web client (apps/web → dist/web) at `/`, with client routes falling back to
 * index.html. `/api`, `/docs`, `/docs-json`, `/socket.io` and `/assets/*` are left to their own
 * handlers, so a missing asset is a JSON 404, never index.html. Hashed assets are cached for a
 * year (their names change with their content); index.html is revalidated on every load.
 *
 * It uses @nestjs/serve-static's Express loader at module init rather than `ServeStaticModule`,
 * whose loader is chosen when the module is compiled: a Nest testing module is compiled before it
 * has an HTTP adapter, and would silently serve nothing in the end-to-end tests.
 *
 * The API's paths are kept out by the render path itself (a RegExp), not by the loader's `exclude`:
 * for an excluded path the loader's error handler turns every error into a 404, which would hide
 * the API's own answers to bad bodies (400, 413) behind "Cannot POST".
 */
export function webClientDir(): string | null {
  const candidates = [
    join(__dirname, '..', '..', '..', 'web'), // compiled: dist/apps/api/src → dist/web
    join(__dirname, '..', '..', '..', 'dist', 'web'), // from source (tests): apps/api/src → dist/web
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Every GET path except the API, the docs, socket.io and the hashed assets. */
export const CLIENT_ROUTES = /^\/(?!(?:api|docs|docs-json|docs-yaml|socket\.io)(?:[/?#-]|$)|assets\/).*/;

export function webClientOptions(rootPath: string): ServeStaticModuleOptions {
  return {
    rootPath,
    renderPath: CLIENT_ROUTES,
    serveStaticOptions: {
      index: false,
      fallthrough: true,
      setHeaders: (res: { setHeader: (k: string, v: string) => void }, path: string) => {
        const hashed = /[\\/]assets[\\/]/.test(path);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  };
}

@Module({})
export class WebClientModule implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly config: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    const rootPath = webClientDir();
    if (!rootPath || !this.host.httpAdapter) return; // API only: the client was not built
    new ExpressLoader().register(this.host.httpAdapter, this.config, [webClientOptions(rootPath)]);
  }
}
