import { authErrors } from './auth.errors';

/** The most common passwords of 10+ characters in public breach corpora (lower-cased). */
const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '123456789a', '1q2w3e4r5t', 'qwertyuiop', 'password1', 'password12', 'password123',
  'password1234', 'passw0rd123', 'iloveyou12', 'iloveyou123', 'qwerty1234', 'qwerty12345', 'qwerty123456',
  '0987654321', '1111111111', '0000000000', '1234512345', 'abcdefghij', 'abc1234567', 'a123456789', 'asdfghjkl1',
  'zxcvbnm123', 'letmein123', 'welcome123', 'welcome1234', 'football123', 'baseball123', 'sunshine123',
  'princess123', 'dragon1234', 'monkey1234', 'master1234', 'superman123', 'trustno1234', 'starwars123',
  'changeme123', 'administrator', 'admin12345', 'adminadmin', 'passwordpassword', 'qazwsxedc123', '1qaz2wsx3edc',
  'qwertyuiop123', 'asdfghjkl;', 'q1w2e3r4t5', '123qweasdzxc', 'michael123', 'jennifer123', 'hearth12345',
  'mentalhealth', 'recovery123', 'peersupport',
]);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Length is checked by the DTO; this refuses what is trivially guessable. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || lower.includes(username.toLowerCase()) && username.length >= 6 && lower.length - username.length < 4) {
    throw authErrors.passwordLikeUsername();
  }
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) {
    throw authErrors.passwordTooCommon();
  }
}
