/**
 * The heaviest open invites there may be, for bench/heavy-invites.ts and heavy-invites.e2e.ts:
 * each with a 200-character title of no spaces, a 20,000-character description mixing RTL
 * scripts, emoji and stacks of combining marks, and 20 attachments with long names and links.
 */
import type { Attachment, Invite } from '../../src/shared/protocol/entities'
import { aClient, anInvite, aRequest, FIXTURE_NOW } from './fixtures'

/** A stretch of writing in many scripts: Latin, Hebrew, Arabic, emoji, combining-mark stacks. */
const MIXED =
  'The build fails when the worker starts; שלום עולם, הבנייה נכשלת מיד; مرحبا بالعالم، البناء يفشل 🧑🏽‍💻👩‍👩‍👧‍👦🇩🇪 ' +
  'Z\u0351\u0364\u036b\u0303\u0344\u0352a\u0300\u0301\u0302\u0303\u0304\u0305\u0306l\u0489\u0321\u0322g\u0327\u0328o\u0334\u0335 ' +
  'stack trace: at Object.<anonymous> (/srv/app/node_modules/very/long/path/index.js:1:2) '

/** The longest description there may be: paragraphs of `MIXED`, and one unbroken run. */
function heaviestDescription(n: number): string {
  const run = `unbroken${n}:${'0123456789abcdef'.repeat(60)}\n`
  // Its last words say whose they are, for a test to find them.
  const end = `\nend of description ${n}`
  let text = run
  while (text.length + MIXED.length + 1 + end.length <= 20_000)
    text += MIXED + (text.length % 7 === 0 ? '\n' : '')
  return text + end
}

/** The most attachments a request may carry, each with a long name and a long link. */
function heaviestAttachments(n: number): Attachment[] {
  return Array.from({ length: 20 }, (_, i) => ({
    name: `${'résumé_שלום_'.repeat(20)}${n}-${i}.png`.slice(0, 255),
    sizeBytes: 1_000 * (i + 1),
    mimeType: 'image/png',
    url: `https://files.example.test/${n}/${i}/${'p'.repeat(1_900)}`,
  }))
}

/** 100 open invites, each as heavy as an invite may be. */
export function heaviestInvites(count = 100): Invite[] {
  return Array.from({ length: count }, (_, n) =>
    anInvite({
      id: `inv_${n}`,
      request: aRequest({
        id: `req_${n}`,
        client: { ...aClient(n), name: `${'Ω'.repeat(20)}${'ن'.repeat(20)}${n}` },
        // Eleven times 18 UTF-16 units after a two-digit number: 200, no emoji cut in half.
        title: `${String(n).padStart(2, '0')}${'Crash🧑🏽‍💻Z\u0351\u0364a\u0300\u0301'.repeat(11)}`,
        description: heaviestDescription(n),
        attachments: heaviestAttachments(n),
        createdAt: FIXTURE_NOW - n * 1_000,
      }),
      expiresAt: FIXTURE_NOW + 60 * 60_000,
    }),
  )
}
