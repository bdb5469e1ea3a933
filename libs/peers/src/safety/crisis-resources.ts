import { Injectable } from '@nestjs/common';
import type { CrisisResourceView } from '../dto/peers.view';

export interface CrisisResourceQuery {
  communityId?: string | null;
  language?: string | null;
  country?: string | null;
}

/**
 * Where a waiting member's crisis resources come from: the one place to wire
 * the moderation lib's `CrisisService.resourcesFor({ communityId, language, country })`
 * (community-curated lists) once it is on main. Until then: a short, honest,
 * international fallback.
 */
@Injectable()
export class SupportCrisisResources {
  async resourcesFor(q: CrisisResourceQuery): Promise<CrisisResourceView[]> {
    return fallbackResources(q.country);
  }
}

const BY_COUNTRY: Record<string, CrisisResourceView> = {
  US: { name: '988 Suicide & Crisis Lifeline', phone: '988', text: 'Call or text 988', website: 'https://988lifeline.org', hours: '24/7' },
  CA: { name: '9-8-8 Suicide Crisis Helpline', phone: '988', text: 'Call or text 988', website: 'https://988.ca', hours: '24/7' },
  GB: { name: 'Samaritans', phone: '116 123', website: 'https://www.samaritans.org', hours: '24/7' },
  IE: { name: 'Samaritans Ireland', phone: '116 123', website: 'https://www.samaritans.ie', hours: '24/7' },
  DE: { name: 'TelefonSeelsorge', phone: '0800 111 0 111', website: 'https://www.telefonseelsorge.de', hours: '24/7' },
  FR: { name: '3114 (numéro national de prévention du suicide)', phone: '3114', website: 'https://3114.fr', hours: '24/7' },
  ES: { name: 'Línea 024', phone: '024', website: 'https://www.sanidad.gob.es/linea024', hours: '24/7' },
  AU: { name: 'Lifeline Australia', phone: '13 11 14', website: 'https://www.lifeline.org.au', hours: '24/7' },
};

export function fallbackResources(country?: string | null): CrisisResourceView[] {
  const local = country ? BY_COUNTRY[country.toUpperCase()] : undefined;
  return [
    ...(local ? [local] : []),
    {
      name: 'Emergency services',
      text: 'If you are in immediate danger, call your local emergency number (112 in Europe, 911 in North America, 999 in the UK, 000 in Australia).',
    },
    { name: 'Find A Helpline', website: 'https://findahelpline.com', text: 'Free, confidential crisis lines in your country and language' },
  ];
}
