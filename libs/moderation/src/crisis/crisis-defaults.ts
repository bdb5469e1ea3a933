import type { CrisisResourceWire } from '@hearth/realtime';
/**
 * The platform's default crisis phrases and resources. Communities replace them
 * with their own (`PUT /api/communities/:id/crisis-phrases|crisis-resources`);
 * rooms outside any community (direct conversations, support sessions) use these.
 * Phrases are folded like messages (case, accents, spacing, look-alikes), so one
 * spelling per phrase is enough.
 */

export const DEFAULT_CRISIS_PHRASES: Record<string, string[]> = {
  en: [
    'kill myself',
    'killing myself',
    'end my life',
    'ending my life',
    'take my own life',
    'want to die',
    'wanna die',
    'better off dead',
    'suicide',
    'suicidal',
    'self harm',
    'hurt myself',
    'hurting myself',
    'cut myself',
    'cutting myself',
    'no reason to live',
    'nothing to live for',
    'can not go on',
    'cant go on',
    'overdose',
    'goodbye forever',
  ],
  es: [
    'quiero morir',
    'me quiero morir',
    'quitarme la vida',
    'matarme',
    'suicidarme',
    'suicidio',
    'no quiero vivir',
    'acabar con todo',
    'hacerme dano',
    'autolesion',
    'cortarme',
    'no puedo mas',
    'mejor muerto',
    'mejor muerta',
  ],
};

/** A crisis line or service: the wire shape every client sees (`crisis:resources`, support now). */
export type CrisisResource = CrisisResourceWire;

export const DEFAULT_CRISIS_RESOURCES: CrisisResource[] = [
  {
    name: '988 Suicide & Crisis Lifeline',
    phone: '988',
    text: 'Text 988',
    website: 'https://988lifeline.org',
    hours: '24/7',
    countries: ['US'],
    languages: ['en', 'es'],
    lastVerifiedOn: '2026-11-01',
  },
  {
    name: 'Samaritans',
    phone: '116 123',
    text: null,
    website: 'https://www.samaritans.org',
    hours: '24/7',
    countries: ['GB', 'IE'],
    languages: ['en'],
    lastVerifiedOn: '2026-11-01',
  },
  {
    name: 'Línea 024 de atención a la conducta suicida',
    phone: '024',
    text: null,
    website: 'https://www.sanidad.gob.es/linea024/',
    hours: '24/7',
    countries: ['ES'],
    languages: ['es'],
    lastVerifiedOn: '2026-11-01',
  },
  {
    name: 'Find A Helpline (free, confidential helplines worldwide)',
    phone: null,
    text: null,
    website: 'https://findahelpline.com',
    hours: 'Directory, always available',
    countries: [],
    languages: [],
    lastVerifiedOn: '2026-11-01',
  },
  {
    name: 'Local emergency number (if you are in immediate danger)',
    phone: '112',
    text: null,
    website: null,
    hours: '24/7 (911 in the US and Canada, 999 in the UK, 000 in Australia)',
    countries: [],
    languages: [],
    lastVerifiedOn: '2026-11-01',
  },
];
