import { createSecretKey, KeyObject } from 'node:crypto';

let cached: { secret: string; key: KeyObject } | undefined;

/**
 * The HS256 secret as a KeyObject. Given a plain string, jsonwebtoken first tries
 * (and fails) to read it as a public key on every verify, which cost ~20% of a
 * history request's CPU in the benchmark.
 */
export function jwtKey(secret: string): KeyObject {
  if (cached?.secret !== secret) cached = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return cached.key;
}
