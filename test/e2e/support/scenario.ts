/** Shortcuts that put the platform and the app in a state, through the app's own core where it acts. */
import type { Locator, Page } from 'playwright'
import type { Attachment, Invite, Session } from '../../../src/shared/protocol/entities'
import type { TestPlatform } from '../../support/test-platform'
import type { E2eWorld } from './fixture'
import type { OpenAppOptions, TestShell } from './harness'

/** A signal of the app's core (its cache changed, a thread was read). */
interface CoreSignal {
  add(listener: () => void): () => void
}

/**
 * Resolves with what `find` reads from the app's core once it reads something, reading again
 * each time one of `signals` (the cache changed, unless given) fires.
 */
export function untilCore<T>(
  shell: TestShell,
  what: string,
  find: () => T | undefined,
  signals: ReadonlyArray<CoreSignal> = [shell.shell.runtime.core.cacheChanged],
): Promise<T> {
  return shell.waitingFor(
    what,
    new Promise((resolve) => {
      const found = find()
      if (found !== undefined) return resolve(found)
      const offs = signals.map((signal) =>
        signal.add(() => {
          const value = find()
          if (value === undefined) return
          for (const off of offs) off()
          resolve(value)
        }),
      )
    }),
  )
}

/** Resolves with the open invite for `requestId` once the app's cache has it. */
export function cachedInvite(shell: TestShell, requestId: string): Promise<Invite> {
  const core = shell.shell.runtime.core
  return untilCore(shell, `the invite for request ${requestId} in the app's cache`, () =>
    core.cache.openInvites(core.platformClock.now()).find((invite) => invite.request.id === requestId),
  )
}

/** Accept an invite as the app would (join an instant one, or book `proposedTime`). */
export async function accept(
  shell: TestShell,
  invite: Invite,
  proposedTime: number | null = null,
): Promise<Session> {
  const outcome = await shell.waitingFor(
    `the platform's answer to accepting invite ${invite.id}`,
    shell.shell.runtime.core.command('invite.accept', { inviteId: invite.id, proposedTime }),
  )
  if (!outcome.ok) throw new Error(`accept failed: ${outcome.error.message}`)
  return outcome.result.session
}

/**
 * Instant sessions of `expertId` with these titles (each client named alongside), joined through
 * the app's own core and ended free: History's rows.
 */
export async function endedSessions(
  platform: TestPlatform,
  shell: TestShell,
  expertId: string,
  sessions: ReadonlyArray<{ readonly title: string; readonly client: string }>,
): Promise<void> {
  for (const { title, client } of sessions) {
    const { request } = platform.server.marketplace.createRequest({
      clientId: platform.addClient(client),
      title,
      kind: 'instant',
      direct: { expertId, via: 'dashboard' },
    })
    const session = await accept(shell, await cachedInvite(shell, request.id))
    const ended = await shell.shell.runtime.core.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'free' },
    })
    if (!ended.ok) throw new Error(ended.error.message)
  }
}

/** A scheduled request directly for `expertId`, booked at `bookedAt` through the app's own core. */
export async function bookThroughApp(
  platform: TestPlatform,
  shell: TestShell,
  booking: {
    clientId: string
    expertId: string
    title: string
    bookedAt: number
    via: 'dashboard' | 'profile'
  },
): Promise<Session> {
  const { request } = platform.server.marketplace.createRequest({
    clientId: booking.clientId,
    title: booking.title,
    kind: 'scheduled',
    proposedTimes: [booking.bookedAt],
    direct: { expertId: booking.expertId, via: booking.via },
  })
  return accept(shell, await cachedInvite(shell, request.id), booking.bookedAt)
}

/** The platform's session for a request (what the server recorded). */
export function platformSessionOf(platform: TestPlatform, requestId: string): Session {
  const row = platform.server.marketplace.db
    .prepare<[string], { id: string }>('SELECT id FROM sessions WHERE request_id = ?')
    .get(requestId)
  if (row === undefined) throw new Error(`No session for request ${requestId}`)
  return platform.server.marketplace.store.session(row.id)
}

/** Ada's window with a live instant session she joined from a direct request by a new client. */
export interface JoinedInstant {
  readonly platform: TestPlatform
  readonly ada: ReturnType<E2eWorld['expert']>
  readonly client: string
  readonly page: Page
  readonly request: { readonly id: string; readonly title: string }
  /** The live session's card. */
  readonly live: Locator
}

/**
 * Ada (tagged css) opens her window, Olu Adeyemi asks her directly for help with `title`, and she
 * presses Join now: resolves once the live card is on screen.
 */
export async function joinDirectInstant(
  world: E2eWorld,
  title: string,
  options: OpenAppOptions = {},
): Promise<JoinedInstant> {
  const ada = world.expert('Ada Byron', ['css'])
  const client = world.platform.addClient('Olu Adeyemi')
  const page = await world.open(await world.shell(ada), options)
  const { request } = world.platform.server.marketplace.createRequest({
    clientId: client,
    title,
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  await page.getByRole('button', { name: `Join now “${request.title}”` }).click()
  const live = page.getByRole('article', { name: request.title })
  await live.waitFor()
  return { platform: world.platform, ada, client, page, request, live }
}

/**
 * Ada (python) signed in with her window open, and Mei Chen's instant request titled `title` sent
 * to her alone through her profile link.
 */
export async function directRequestToAda(world: E2eWorld, title: string, description?: string) {
  const { platform, expert, shell, open } = world
  const ada = expert('Ada Byron', ['python'])
  const client = platform.addClient('Mei Chen')
  const page = await open(await shell(ada))
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title,
    ...(description === undefined ? {} : { description }),
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  return { ada, page, request }
}

/**
 * Ada (react) signed in with her window open and online, and Sam Okafor's instant request "Flaky
 * upload form" carrying `attachments`: resolves once its card shows its first link.
 */
export async function inviteWithAttachments(
  world: E2eWorld,
  attachments: ReadonlyArray<Attachment>,
  options: OpenAppOptions = {},
) {
  const { platform, expert, shell, open } = world
  const ada = await shell(expert('Ada Byron', ['react']))
  const client = platform.addClient('Sam Okafor')
  const page = await open(ada, options)
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Flaky upload form',
    description: 'The upload fails for files over 2 MB.',
    kind: 'instant',
    tags: ['react'],
    fanOut: 1,
    attachments: [...attachments],
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('link').first().waitFor()
  return { ada, page, request, card }
}
