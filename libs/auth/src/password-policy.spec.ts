import { AppError, ErrorCode } from '@hearth/common';
import { assertPasswordAcceptable } from './password-policy';

const code = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('assertPasswordAcceptable', () => {
  it('refuses the username itself, in any case', () => {
    expect(code(() => assertPasswordAcceptable('RiverStone', 'riverstone'))).toBe(ErrorCode.WEAK_PASSWORD);
  });
  it('refuses the username with a short suffix', () => {
    expect(code(() => assertPasswordAcceptable('riverstone1', 'riverstone'))).toBe(ErrorCode.WEAK_PASSWORD);
  });
  it('refuses common passwords and repeated characters', () => {
    expect(code(() => assertPasswordAcceptable('Password123', 'river'))).toBe(ErrorCode.WEAK_PASSWORD);
    expect(code(() => assertPasswordAcceptable('aaaaaaaaaaaa', 'river'))).toBe(ErrorCode.WEAK_PASSWORD);
  });
  it('accepts a passphrase', () => {
    expect(code(() => assertPasswordAcceptable('kettle on the windowsill', 'river'))).toBe('ok');
  });
});
