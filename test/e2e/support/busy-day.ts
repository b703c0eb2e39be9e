/**
 * Ada's busy day, the world of the tests that look at every screen: four ended sessions
 * (charged, discounted, free, charged), a booked one nobody joined, one booked tomorrow, an
 * invite proposing a time that overlaps it, and an open instant invite.
 */
import type { Outcome } from '../../../src/shared/protocol/entities'
import type { WindowSize } from '../../../src/shared/window-sizes'
import type { E2eWorld } from './fixture'
import type { TestShell } from './harness'
import { passTime } from '../../support/pass-time'
import { accept, cachedInvite } from './scenario'

/** A minute, in ms. */
export const MINUTE = 60_000
/** An hour, in ms. */
export const HOUR = 60 * MINUTE

/** Run a billing or ending command through the app's core, failing on a refusal. */
export async function command<N extends 'session.startBilling' | 'session.end'>(
  shell: TestShell,
  name: N,
  payload: N extends 'session.end' ? { sessionId: string; outcome: Outcome } : { sessionId: string },
): Promise<void> {
  const outcome = await shell.shell.runtime.core.command(name, payload as never)
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`)
}

/**
 * Builds Ada's busy day in `world` and opens her window (at `size`, or as Electron opens it) on
 * Invites. Each test builds its own, so each stays within its time limit on a busy machine.
 */
export async function busyDay(world: () => Promise<E2eWorld>, size?: WindowSize) {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const clients = ['Sam Okafor', 'Priya Natarajan', 'Jonas Lind', 'Mei Chen'].map((name) =>
    platform.addClient(name),
  )
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const { marketplace } = platform.server

  const titles = [
    'Hooks question: stale state in an interval',
    'Next.js build fails on Vercel only',
    'TypeScript generics for a form library',
    'Webpack to Vite migration plan',
  ]
  const outcomes: Outcome[] = [
    { kind: 'charged' },
    { kind: 'discounted', percent: 25 },
    { kind: 'free' },
    { kind: 'charged' },
  ]
  for (const [n, title] of titles.entries()) {
    const { request } = marketplace.createRequest({
      clientId: clients[n % clients.length]!,
      title,
      kind: 'instant',
      direct: { expertId: ada.id, via: n % 2 === 0 ? 'profile' : 'dashboard' },
    })
    const session = await accept(adaShell, await cachedInvite(adaShell, request.id))
    marketplace.clientJoin(session.id)
    const free = outcomes[n]!.kind === 'free'
    if (!free) await command(adaShell, 'session.startBilling', { sessionId: session.id })
    await passTime(platform.clock, (15 + 10 * n) * MINUTE)
    await command(adaShell, 'session.end', { sessionId: session.id, outcome: outcomes[n]! })
  }
  // A booked session nobody joins is cancelled by the platform.
  const missedAt = platform.clock.now() + HOUR
  const noShow = marketplace.createRequest({
    clientId: clients[0]!,
    title: 'Code review of a payment form',
    kind: 'scheduled',
    proposedTimes: [missedAt],
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  await accept(adaShell, await cachedInvite(adaShell, noShow.request.id), missedAt)
  await passTime(platform.clock, HOUR + 11 * MINUTE)

  // Tomorrow: one booked session, and an invite proposing a time that overlaps it.
  const tomorrow = platform.clock.now() + 24 * HOUR
  const soon = platform.clock.now() + 10 * MINUTE
  const booked = marketplace.createRequest({
    clientId: clients[1]!,
    title: 'Accessibility audit of a checkout',
    kind: 'scheduled',
    proposedTimes: [tomorrow],
    expectedDurationMinutes: 60,
    direct: { expertId: ada.id, via: 'profile' },
  })
  await accept(adaShell, await cachedInvite(adaShell, booked.request.id), tomorrow)
  const overlapping = marketplace.createRequest({
    clientId: clients[2]!,
    title: 'Redux to Zustand: is it worth it?',
    description: 'We have 40 slices and a lot of thunks. I would like an opinion before we start.',
    kind: 'scheduled',
    // The first is soon: later the platform's clock passes it.
    proposedTimes: [soon, tomorrow + 30 * MINUTE, tomorrow + 3 * HOUR],
    expectedDurationMinutes: 30,
    tags: ['react'],
    attachments: [
      {
        name: 'store-diagram.png',
        sizeBytes: 312_000,
        mimeType: 'image/png',
        url: 'https://files.example.test/d.png',
      },
    ],
  })
  marketplace.createRequest({
    clientId: clients[3]!,
    title: 'useEffect runs twice in development',
    description: 'Is this StrictMode? My fetch fires twice and I get duplicate rows.',
    kind: 'instant',
    tags: ['react'],
  })

  const page = await open(adaShell, size === undefined ? {} : { size })
  const card = page.getByRole('article', { name: overlapping.request.title })
  await card.getByText(/Overlaps “Accessibility audit of a checkout”/).waitFor()
  return { platform, adaShell, ada, marketplace, overlapping, open, page, card }
}
