/**
 * What the simulated clients say and do, as data: the requests they post, their replies, ratings,
 * review comments, cancellation notes and the notes they write unprompted (simulator.ts).
 */
/** The requests simulated clients post: a title, tags and a description each. */
export const TOPICS = [
  {
    title: 'React state resets when the modal closes',
    tags: ['react', 'javascript'],
    description:
      'My form state disappears every time the modal unmounts. I have tried lifting state up but the parent re-renders and I lose the scroll position.',
  },
  {
    title: 'TypeScript generic constraint error',
    tags: ['typescript'],
    description:
      "I get 'Type T does not satisfy the constraint' on a helper that maps over object keys. A short call to go through the types would help.",
  },
  {
    title: 'Pandas merge produces duplicate rows',
    tags: ['python', 'data'],
    description:
      'After merging two data frames on customer_id I get twice as many rows as expected. I have attached a sample of both CSVs.',
  },
  {
    title: 'Docker container cannot reach Postgres',
    tags: ['docker', 'devops'],
    description:
      'Compose file attached. The app container logs ECONNREFUSED on 5432 although the database container is healthy.',
  },
  {
    title: 'Slow SQL report query',
    tags: ['sql', 'data'],
    description:
      'A monthly report query takes 40 seconds. EXPLAIN output attached; I suspect a missing index.',
  },
  {
    title: 'CSS grid layout breaks on mobile',
    tags: ['css', 'design'],
    description:
      'The three-column grid overlaps on narrow screens. I would like to understand minmax and auto-fit properly.',
  },
  {
    title: 'Node.js memory keeps growing',
    tags: ['node', 'javascript'],
    description: 'Our worker process grows by 50 MB an hour. Heap snapshot attached; need help reading it.',
  },
] as const

/** What a client answers to an expert's message. */
export const REPLIES = [
  'Thanks! Yes, that is exactly the problem.',
  'Good question: it happens every time, not just sometimes.',
  'I can share my screen once we start.',
  'The attachment has the full error output.',
] as const

/** Ratings clients give, as often as they appear: mostly good, now and then poor. */
export const RATINGS = [5, 5, 5, 5, 5, 4, 4, 4, 3, 2] as const

/** The comments that go with each rating; an empty one is a rating without a comment. */
export const REVIEW_COMMENTS: Readonly<Record<number, ReadonlyArray<string>>> = {
  5: ['Sorted in ten minutes. Clear explanations, thank you!', 'Exactly the help I needed.'],
  4: ['Helpful, though it took a while to get to the point.', 'Good session; solved most of it.'],
  3: ['Okay. We ran out of time before the real problem.', ''],
  2: ['The expert did not seem to know this topic well.', 'Mostly me explaining the problem.'],
}

/** Why a client charges a paid session back. */
export const CHARGEBACK_REASONS = [
  'Service not as described',
  'Client disputed the charge with their bank',
] as const

/** The notes a client cancels a booked session with; an empty one cancels without a note. */
export const CANCEL_NOTES = [
  'Sorry, something came up at work; I have to cancel.',
  'I found the cause myself in the meantime. Thanks anyway!',
  '',
] as const

/** What a client writes unprompted: a detail on an invite, a word before or during the session. */
export const CLIENT_NOTES = {
  invite: [
    'One more detail: this started after we upgraded last week.',
    'Is this something you could look at today?',
    'I added a second log file in case it helps.',
  ],
  session: [
    'Looking forward to it. I have the project open and ready.',
    'I might be a couple of minutes late, sorry!',
    'Quick note: the error changed slightly, I will show you.',
  ],
} as const
