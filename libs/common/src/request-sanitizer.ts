import { AppError, ErrorCode } from './errors';

// Prototype-pollution keys, and names of Object.prototype members (toString, valueOf, …):
// class-validator's whitelist finds those through the prototype and would let them pass as known fields.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const MAX_DEPTH = 32;

/**
 * Finds what no endpoint should accept anywhere in a payload: prototype-pollution
 * keys and NUL characters (PostgreSQL refuses NUL in text). Returns a problem or null.
 */
export function findUnsafeInput(value: unknown, path = '', depth = 0): { field: string; message: string } | null {
  if (depth > MAX_DEPTH) return { field: path || '(root)', message: 'payload is nested too deeply' };
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field: path || '(root)', message: 'must not contain NUL characters' } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeInput(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field, message: `key "${key}" is not allowed` };
      if (key.includes('\u0000')) return { field: path || '(root)', message: 'keys must not contain NUL characters' };
      const found = findUnsafeInput((value as Record<string, unknown>)[key], field, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

export function assertSafeInput(value: unknown, where: string): void {
  const found = findUnsafeInput(value);
  if (found) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `${where}: ${found.field} ${found.message}`, [found]);
  }
}
