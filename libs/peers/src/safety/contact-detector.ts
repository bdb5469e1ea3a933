/**
 * Spots attempts to move a 1:1 support conversation off the platform: phone
 * numbers, e-mail addresses (also "name at mail dot com") and social-media
 * handles or links. Pure and cheap (runs on the send path). It only tells the
 * caller what kind of contact it saw; the message itself is never blocked.
 */
export type ContactKind = 'phone' | 'email' | 'social';

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const EMAIL_SPELLED = /\b[a-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[a-z0-9-]+\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*(?:com|net|org|de|fr|es|io|me|co|uk|edu)\b/i;
/** Runs of digits with the separators people type in phone numbers. */
const PHONE_RUN = /\+?\(?\d[\d\s().\-/]{5,}\d/g;
const SOCIAL_LINK = /\b(?:instagram\.com|instagr\.am|facebook\.com|fb\.me|m\.me|t\.me|telegram\.me|wa\.me|chat\.whatsapp\.com|snapchat\.com|tiktok\.com|twitter\.com|x\.com|discord\.gg|discord\.com\/users|linkedin\.com\/in|reddit\.com\/u|signal\.me)\/\S+/i;
const PLATFORM = /\b(?:insta(?:gram)?|ig|snap(?:chat)?|whats\s?app|telegram|signal|discord|tik\s?tok|twitter|facebook|fb|messenger|kik|wechat|line\s+id|threads|bluesky|mastodon)\b/i;
const HANDLE_HINT = /(?:^|\s)@[a-z0-9_.]{2,30}\b|\b(?:add|find|follow|dm|message|text|hit)\s+me\b|\bmy\s+(?:handle|username|user\s?name|account|@)\b|\b(?:handle|username)\s*(?:is|:)/i;

export function detectContact(body: string): ContactKind[] {
  const kinds: ContactKind[] = [];
  if (EMAIL.test(body) || EMAIL_SPELLED.test(body)) kinds.push('email');
  for (const m of body.match(PHONE_RUN) ?? []) {
    const digits = m.replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) {
      kinds.push('phone');
      break;
    }
  }
  if (SOCIAL_LINK.test(body) || (PLATFORM.test(body) && HANDLE_HINT.test(body))) kinds.push('social');
  return kinds;
}
