/*
 * The demo community a newcomer can explore (`npm run seed:demo`). Everything here is made up.
 * Plain, warm, everyday words: no clinical language, no diagnoses, people named by pseudonyms.
 */

/** Every demo account shares this password; the seed refuses to run with NODE_ENV=production. */
export const DEMO_PASSWORD = 'warm-hearth-demo';

export type DemoRole = 'member' | 'peer' | 'admin';

export interface DemoPerson {
  username: string;
  displayName: string;
  pronouns?: string;
  bio: string;
  /** Platform role: `peer` is granted by the platform admin, `admin` is the platform admin. */
  role: DemoRole;
  /** Names of demo themes this person chose. */
  themes: string[];
  /** What the credentials list says this account is for; absent for the people who only talk. */
  purpose?: string;
}

export interface DemoMessage {
  from: string;
  body: string;
  /** Index (in the same conversation) of the message this one answers. */
  replyTo?: number;
  reactions?: Array<{ from: string; emoji: string }>;
}

export interface DemoGroup {
  /** Stable key: part of every message's clientMsgId, so a second run never duplicates a message. */
  key: string;
  name: string;
  description: string;
  rules: string;
  themes: string[];
  visibility: 'public' | 'private';
  joinPolicy: 'open' | 'approval' | 'invite';
  members: string[];
  /** People who asked to join and are still waiting (approval groups). */
  pending?: string[];
  conversation: DemoMessage[];
}

export const DEMO_COMMUNITY = {
  slug: 'demo-riverside',
  name: 'Riverside Peer Network (demo)',
  description:
    'A demo community for exploring Hearth: small groups around what matters to people, in their own words, looked after by peer workers. Everything here is made up.',
  codeOfConduct: [
    'Be kind. Everyone here is doing their best with what they have today.',
    'Speak for yourself. Share your own experience, and never put labels on anyone.',
    'What is shared here stays here. No screenshots, no gossip.',
    'No pressure. Nobody has to share, and listening is taking part too.',
    'If you are worried about someone, report it as a concern: a peer worker will reach out to them.',
    'Disagree with care. Harassment, hurtful words and spam are removed, and you will always be told why.',
  ]
    .map((line, i) => `${i + 1}. ${line}`)
    .join('\n'),
  languages: ['en'],
};

export const DEMO_THEMES: Array<{ name: string; description: string }> = [
  { name: 'finding work again', description: 'Getting back to work, study or volunteering, at your own pace' },
  { name: 'living with voices', description: 'Hearing voices, and finding ways to live well alongside them' },
  { name: 'grief', description: 'Losing someone or something, and carrying it' },
  { name: 'sleep', description: 'Nights, rest, and the long hours before morning' },
  { name: 'creative life', description: 'Making things: drawing, music, writing, cooking, gardening' },
  { name: 'a place to call home', description: 'Finding and keeping somewhere that feels like home' },
  { name: 'friendship and feeling less alone', description: 'Making friends, keeping them, and reaching out' },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    username: 'demo.member',
    displayName: 'Sam',
    pronouns: 'he/him',
    bio: 'New here. Taking it one day at a time.',
    role: 'member',
    themes: ['finding work again', 'sleep', 'creative life'],
    purpose: 'a member: groups, chat, invites, recommendations',
  },
  {
    username: 'demo.peer',
    displayName: 'Jo',
    pronouns: 'they/them',
    bio: 'Peer worker. I have been somewhere like where you are. Happy to listen.',
    role: 'peer',
    themes: ['living with voices', 'grief', 'finding work again'],
    purpose: 'a peer worker, moderator of every demo group',
  },
  {
    username: 'demo.community',
    displayName: 'Priya',
    pronouns: 'she/her',
    bio: 'I host the Riverside network. Ask me anything about how things work here.',
    role: 'member',
    themes: ['friendship and feeling less alone'],
    purpose: 'the community admin of Riverside (owns its groups)',
  },
  {
    username: 'demo.platform',
    displayName: 'Hearth operator',
    bio: 'Keeps this Hearth running.',
    role: 'admin',
    themes: [],
    purpose: 'the platform admin',
  },
  { username: 'maya.k', displayName: 'Maya', pronouns: 'she/her', bio: 'Gardener, tea drinker, slowly getting back out there.', role: 'member', themes: ['finding work again', 'grief'] },
  { username: 'tomas_r', displayName: 'Tomás', pronouns: 'he/him', bio: 'Cyclist. Library regular.', role: 'member', themes: ['finding work again', 'grief'] },
  { username: 'ines', displayName: 'Inés', pronouns: 'she/her', bio: 'Volunteer at the library on Tuesdays and Thursdays.', role: 'member', themes: ['living with voices', 'finding work again', 'creative life'] },
  { username: 'ollie', displayName: 'Ollie', pronouns: 'he/they', bio: 'Watercolours, badly and happily.', role: 'member', themes: ['creative life', 'living with voices'] },
  { username: 'rafa.m', displayName: 'Rafa', bio: 'Night reader, biscuit baker.', role: 'member', themes: ['sleep', 'living with voices', 'creative life'] },
  { username: 'nadia', displayName: 'Nadia', pronouns: 'she/her', bio: 'Mum of two cats. Learning to bake my mum’s recipes.', role: 'member', themes: ['grief', 'sleep'] },
  { username: 'ben.w', displayName: 'Ben', pronouns: 'he/him', bio: 'Writing bad poems on purpose.', role: 'member', themes: ['sleep', 'creative life'] },
];

export const DEMO_GROUPS: DemoGroup[] = [
  {
    key: 'work',
    name: 'Back to work, gently',
    description: 'For anyone finding their way back to work, study or volunteering. Small steps count here.',
    rules: 'Share what helps. Nobody needs a plan to belong here. Job leads welcome; advice only when asked.',
    themes: ['finding work again'],
    visibility: 'public',
    joinPolicy: 'open',
    members: ['maya.k', 'tomas_r', 'ollie', 'ines', 'demo.member'],
    conversation: [
      { from: 'maya.k', body: 'Had my first interview in three years today. My hands were shaking the whole time, but I stayed until the end.', reactions: [{ from: 'ollie', emoji: '❤️' }, { from: 'demo.peer', emoji: '👏' }, { from: 'ines', emoji: '🙌' }] },
      { from: 'tomas_r', body: 'Staying until the end is the whole thing. How are you feeling now?', replyTo: 0 },
      { from: 'maya.k', body: 'Tired. A bit proud. Mostly I want a sandwich.' },
      { from: 'ollie', body: 'A sandwich is the correct after-interview move 🥪' },
      { from: 'demo.peer', body: 'Something that helped me: writing down three things I did well straight after, before my brain starts the replay. Might be worth a try tonight.', replyTo: 0 },
      { from: 'ines', body: 'I volunteer two mornings a week at the library now. Not a job yet, but it is getting me used to having somewhere to be.' },
      { from: 'demo.member', body: 'That sounds like a really good step. I have been thinking about trying something like that.', replyTo: 5 },
      { from: 'tomas_r', body: '@demo.member the library near me always needs people for the Saturday book sale. Low pressure, lovely people.', reactions: [{ from: 'demo.member', emoji: '🙏' }] },
    ],
  },
  {
    key: 'sleep',
    name: 'Night owls',
    description: 'Awake when everyone else is asleep? Company for the long hours, and swapping what helps us rest.',
    rules: 'Be gentle, it is late. No pressure to fix anyone’s nights.',
    themes: ['sleep'],
    visibility: 'public',
    joinPolicy: 'open',
    members: ['ben.w', 'nadia', 'rafa.m', 'demo.member'],
    conversation: [
      { from: 'ben.w', body: '3am club again. Anyone else up?' },
      { from: 'nadia', body: 'Here. Made tea instead of scrolling, which is new for me.', replyTo: 0 },
      { from: 'ben.w', body: 'What kind?' },
      { from: 'nadia', body: 'Chamomile. Honestly it tastes like hay, but it has become a little ritual.', reactions: [{ from: 'rafa.m', emoji: '😄' }] },
      { from: 'rafa.m', body: 'I started leaving my phone in the kitchen. The first week was rough. Now I read until I drift off, most nights anyway.' },
      { from: 'demo.peer', body: 'Good nights and rough nights both count. If tonight is a rough one, being here and being kind to yourselves is already something.', reactions: [{ from: 'nadia', emoji: '💛' }] },
      { from: 'demo.member', body: 'Trying the phone-in-the-kitchen thing this week. Will report back.' },
      { from: 'ben.w', body: 'Good luck! Get a cheap alarm clock, “I need it for the alarm” was my excuse for months 😅', replyTo: 6 },
    ],
  },
  {
    key: 'voices',
    name: 'Hearing voices circle',
    description: 'A calm space for people who hear voices or have other unusual experiences, to share what helps in daily life.',
    rules: 'What is said here stays here. Everyone’s experience is their own: nobody is told what their voices mean. Ask before giving advice.',
    themes: ['living with voices'],
    visibility: 'public',
    joinPolicy: 'approval',
    members: ['ines', 'rafa.m', 'ollie'],
    pending: ['ben.w'],
    conversation: [
      { from: 'ines', body: 'The voices were loud at the bus stop this morning. I put my headphones in and hummed along to a song, and it took the edge off.' },
      { from: 'rafa.m', body: 'Humming works for me too. Something about feeling it in your chest.', replyTo: 0 },
      { from: 'ollie', body: 'Mine have been kinder lately. One of them even said “well done” when I finished the washing up. I’ll take it.', reactions: [{ from: 'ines', emoji: '😄' }, { from: 'rafa.m', emoji: '❤️' }] },
      { from: 'ines', body: 'An appreciative one! Love that for you.', replyTo: 2 },
      { from: 'demo.peer', body: 'Thank you both for sharing. Thursday’s evening circle is on as usual, and it is fine to come and just listen.' },
      { from: 'rafa.m', body: 'I’ll be there. Bringing biscuits.', reactions: [{ from: 'ollie', emoji: '🍪' }] },
    ],
  },
  {
    key: 'grief',
    name: 'After a loss',
    description: 'A private group for people carrying grief, whoever or whatever it is for. Join with an invite from a member.',
    rules: 'Invite only, so people can speak freely. There is no right way to grieve and no timeline.',
    themes: ['grief'],
    visibility: 'private',
    joinPolicy: 'invite',
    members: ['nadia', 'tomas_r', 'maya.k', 'demo.member'],
    conversation: [
      { from: 'nadia', body: 'It would have been Mum’s birthday today. I baked her lemon cake. The kitchen smells like her.', reactions: [{ from: 'tomas_r', emoji: '💛' }, { from: 'maya.k', emoji: '💛' }] },
      { from: 'tomas_r', body: 'That is a beautiful way to spend the day with her.', replyTo: 0 },
      { from: 'maya.k', body: 'Grief is so strange. Some days I forget for an hour, and then I feel guilty for forgetting.' },
      { from: 'demo.peer', body: 'Lots of people here have said the same. Forgetting for an hour is not forgetting them. It is you getting a rest.', replyTo: 2, reactions: [{ from: 'maya.k', emoji: '🙏' }] },
      { from: 'demo.member', body: 'Thank you for letting me in here. I do not have much to say yet, but reading this helps.' },
      { from: 'nadia', body: 'You do not have to say anything. Glad you are here.', replyTo: 4 },
    ],
  },
  {
    key: 'making',
    name: 'Making things',
    description: 'Drawing, writing, music, cooking, knitting, fixing bikes: share what you are making, finished or not.',
    rules: 'Wonky is welcome. Encouragement over critique unless someone asks.',
    themes: ['creative life'],
    visibility: 'public',
    joinPolicy: 'open',
    members: ['ollie', 'ines', 'ben.w', 'rafa.m'],
    conversation: [
      { from: 'ollie', body: 'Finished a tiny watercolour of the view from my window. It is wonky and I love it.', reactions: [{ from: 'ines', emoji: '🎨' }] },
      { from: 'ines', body: 'Wonky is the best style.', replyTo: 0 },
      { from: 'ben.w', body: 'I have been writing bad poems on purpose. Taking the pressure off somehow makes them less bad.' },
      { from: 'rafa.m', body: 'Open mic at the community café on the 12th if anyone wants to read. No pressure, I am going just to clap.', reactions: [{ from: 'ben.w', emoji: '👏' }] },
    ],
  },
];
