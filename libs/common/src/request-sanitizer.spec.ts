import { findUnsafeInput } from './request-sanitizer';

describe('findUnsafeInput', () => {
  it('finds a NUL inside a nested string and names its path', () => {
    expect(findUnsafeInput({ a: [{ b: 'x\u0000y' }] })).toEqual({ field: 'a[0].b', message: 'must not contain NUL characters' });
  });
  it('finds prototype-pollution keys parsed from JSON', () => {
    expect(findUnsafeInput(JSON.parse('{"profile":{"__proto__":{"admin":true}}}'))?.field).toBe('profile.__proto__');
    expect(findUnsafeInput(JSON.parse('{"constructor":{"prototype":{}}}'))?.field).toBe('constructor');
  });
  it('accepts ordinary payloads', () => {
    expect(findUnsafeInput({ username: 'river', languages: ['en', 'fr'], n: 3, ok: true, none: null })).toBeNull();
  });
  it('refuses absurd nesting instead of recursing forever', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 100; i++) v = { v };
    expect(findUnsafeInput(v)?.message).toMatch(/nested too deeply/);
  });
});
