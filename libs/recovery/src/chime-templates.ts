/**
 * Optional starter templates, one per CHIME recovery domain (Connectedness,
 * Hope, Identity, Meaning, Empowerment; Leamy et al., 2011). A person may adopt
 * one: it is copied into their plan as an ordinary goal and indicator they then
 * rewrite freely. The copies keep no link to the template, so the platform
 * never scores, ranks or aggregates anyone by domain.
 */
export interface ChimeTemplate {
  key: 'connectedness' | 'hope' | 'identity' | 'meaning' | 'empowerment';
  title: string;
  description: string;
  goal: { title: string; why: string; steps: string[] };
  indicator: { name: string; scaleMin: number; scaleMax: number; minLabel: string; maxLabel: string };
}

export const CHIME_TEMPLATES: readonly ChimeTemplate[] = [
  {
    key: 'connectedness',
    title: 'Connectedness',
    description: 'Relationships, support from others, being part of a community.',
    goal: { title: 'Spend time with someone who gets me', why: 'Being with people helps me feel less alone.', steps: ['Think of one person to contact', 'Send them a message', 'Plan something small together'] },
    indicator: { name: 'How connected I felt to people', scaleMin: 0, scaleMax: 10, minLabel: 'alone', maxLabel: 'connected' },
  },
  {
    key: 'hope',
    title: 'Hope and optimism about the future',
    description: 'Believing recovery is possible, having dreams and aspirations.',
    goal: { title: 'Something to look forward to', why: 'Having something ahead of me keeps me going.', steps: ['Write down one thing I would like to do', 'Pick a date for it'] },
    indicator: { name: 'How hopeful I felt', scaleMin: 0, scaleMax: 10, minLabel: 'no hope', maxLabel: 'hopeful' },
  },
  {
    key: 'identity',
    title: 'Identity',
    description: 'Rebuilding a positive sense of who I am, beyond any label.',
    goal: { title: 'Do something that is me', why: 'I want to feel like myself again.', steps: ['Remember something I used to enjoy', 'Try it once this week'] },
    indicator: { name: 'How much I felt like myself', scaleMin: 0, scaleMax: 10, minLabel: 'not at all', maxLabel: 'fully me' },
  },
  {
    key: 'meaning',
    title: 'Meaning in life',
    description: 'Meaningful roles, goals, spirituality, quality of life.',
    goal: { title: 'A role that matters to me', why: 'Doing something meaningful gives my days shape.', steps: ['List things I care about', 'Find one way to take part'] },
    indicator: { name: 'How meaningful my day felt', scaleMin: 0, scaleMax: 10, minLabel: 'empty', maxLabel: 'meaningful' },
  },
  {
    key: 'empowerment',
    title: 'Empowerment',
    description: 'Personal responsibility, control over my life, focusing on strengths.',
    goal: { title: 'Take one decision into my own hands', why: 'Feeling in charge of my life matters to me.', steps: ['Name one thing I want more say in', 'Take one small step on it'] },
    indicator: { name: 'How much in control I felt', scaleMin: 0, scaleMax: 10, minLabel: 'powerless', maxLabel: 'in charge' },
  },
];
