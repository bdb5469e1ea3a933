import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export const uniqueName = (prefix = 'u') => `${prefix}_${randomBytes(4).toString('hex')}`;
export const PASSWORD = 'a long enough passphrase';

export async function registerUser(t: TestApp, prefix = 'user', extra: Record<string, unknown> = {}): Promise<TestUser> {
  const username = uniqueName(prefix);
  const res = await t.http().post('/api/auth/register').send({ username, password: PASSWORD, ...extra });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, username, password: PASSWORD, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

export const bearer = (u: { accessToken: string }) => ({ Authorization: `Bearer ${u.accessToken}` });

/** Makes a platform admin directly in the database (the API never lets anyone promote themselves). */
export async function makeAdmin(t: TestApp, user: TestUser, role: 'admin' | 'peer' = 'admin'): Promise<TestUser> {
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  const ds = t.app.get(DataSource);
  await ds.query(`UPDATE users SET role = $2 WHERE id = $1`, [user.id, role]);
  // A peer worker holds the role only with verified, unexpired training (libs/peers checks it on every request).
  if (role === 'peer') await (require('./peers') as typeof import('./peers')).grantPeerInDb(t, user.id);
  return user;
}

export async function registerAdmin(t: TestApp): Promise<TestUser> {
  return makeAdmin(t, await registerUser(t, 'admin'));
}
