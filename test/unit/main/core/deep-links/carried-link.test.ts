/**
 * A link still waiting (for a sign-in or the first catch-up) when Standby relaunches after an
 * unexpected error goes into the new run with when it was clicked: it keeps its age there, so
 * restarts cannot keep it alive past its wait, and with a click time that is not one it opens only
 * if it can at once.
 */
import { describe, expect, it, vi } from 'vitest'
import {
  launchLinkInArgv,
  linkClickedAtArg,
  receiveLaunchLink,
} from '../../../../../src/main/core/deep-links/deep-link-argv'
import { createDeepLinkInbox } from '../../../../../src/main/core/deep-links/deep-link-inbox'
import {
  deepLinkTargets,
  LINK_AFTER_SIGN_IN,
  LINK_WAIT_MS,
} from '../../../../../src/main/core/deep-links/deep-link-targets'
import { ManualClock } from '../../../../../src/shared/clock'

const LINK = 'standby://invite/inv_1'
const MINUTE = 60_000
/** When the link was clicked, by the wall clock. */
const CLICKED = 1_700_000_000_000
/** A start's time from reading its command line to opening a link, as a slow disk makes it. */
const READY_AFTER = 5_000

/** One run of Standby, signed out, started on `argv` at `startedAt` by the wall clock. */
function run(
  argv: ReadonlyArray<string>,
  startedAt: number,
  cache: { signedIn: boolean; holds: boolean; caughtUp: boolean } = {
    signedIn: false,
    holds: true,
    caughtUp: true,
  },
  /** How long after the command line is read the targets are ready (the cache open, the window up). */
  readyAfterMs = 0,
) {
  const clock = new ManualClock(startedAt)
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const state = { signedIn: cache.signedIn }
  const focus = vi.fn()
  const notifier = { show: vi.fn() }
  const inbox = createDeepLinkInbox(log, { clock })
  receiveLaunchLink(argv, clock.now(), inbox, log)
  clock.advance(readyAfterMs)
  const targets = deepLinkTargets({
    live: () => true,
    signedIn: () => state.signedIn,
    signedOut: () => !state.signedIn,
    holds: () => cache.holds,
    caughtUp: () => cache.caughtUp,
    clock,
    focus,
    notice: vi.fn(),
    notifier,
    showWindow: vi.fn(),
    log,
  })
  inbox.openWith(targets)
  /** The relaunch's command line after an error now: the waiting link, with when it was clicked. */
  const relaunchArgv = (): string[] => {
    const waiting = inbox.waiting()
    if (waiting === undefined) return ['standby']
    return [
      'standby',
      linkClickedAtArg(clock.now() - waiting.waitedMs),
      `standby://invite/${waiting.link.id}`,
    ]
  }
  const signIn = (): void => {
    state.signedIn = true
    targets.retry()
  }
  return { clock, log, focus, notifier, inbox, relaunchArgv, signIn }
}

describe('a waiting link carried into a relaunch after an error', () => {
  it('keeps its age across relaunches: it does not open once its wait is over, however often Standby restarts', () => {
    const first = run(['standby', LINK], CLICKED)
    first.clock.advance(6 * MINUTE)
    const second = run(first.relaunchArgv(), CLICKED + 6 * MINUTE)
    expect(second.inbox.waiting()?.waitedMs).toBe(6 * MINUTE)
    // Told how long it has left, not the whole wait again.
    expect(second.notifier.show).toHaveBeenCalledWith(
      expect.objectContaining({
        title: LINK_AFTER_SIGN_IN,
        body: expect.stringMatching(/sign in within 4 minutes/),
      }),
    )
    second.clock.advance(3 * MINUTE)
    const third = run(second.relaunchArgv(), CLICKED + 9 * MINUTE)
    third.clock.advance(MINUTE + 1)
    expect(third.inbox.waiting()).toBeUndefined()
    const fourth = run(third.relaunchArgv(), CLICKED + 10 * MINUTE + 1)
    expect(fourth.inbox.waiting()).toBeUndefined()
  })

  it('counts the time the relaunch took, and opens within what is left of its wait', () => {
    const later = run(['standby', linkClickedAtArg(CLICKED), LINK], CLICKED + 9 * MINUTE)
    later.clock.advance(MINUTE - 1)
    expect(later.inbox.waiting()?.waitedMs).toBe(LINK_WAIT_MS - 1)
    later.signIn()
    expect(later.focus).toHaveBeenCalledOnce()
    const tooLate = run(['standby', linkClickedAtArg(CLICKED), LINK], CLICKED + LINK_WAIT_MS + 1)
    expect(tooLate.inbox.waiting()).toBeUndefined()
    expect(tooLate.notifier.show).not.toHaveBeenCalled()
    expect(tooLate.log.info.mock.calls.flat().join('\n')).toMatch(
      /had waited over 10 minutes and was dropped/,
    )
  })

  it('opens nothing, signed in or not, for a carried link older than its wait', () => {
    const old = run(['standby', linkClickedAtArg(0), LINK], CLICKED)
    old.signIn()
    expect(old.focus).not.toHaveBeenCalled()
    expect(old.inbox.waiting()).toBeUndefined()
  })

  const HOSTILE_TIMES = [
    ['a time ahead of the clock', `${CLICKED + 1}`],
    ['a time far in the future', '999999999999999'],
    ['no number', 'soon'],
    ['a negative number', '-600000'],
    ['a fraction', '1700000000000.5'],
    ['an exponent', '1e12'],
    ['nothing', ''],
    ['too many digits', '1'.repeat(40)],
  ] as const

  it.each(HOSTILE_TIMES)(
    'neither keeps nor revives a link whose carried click time is %s: signed out, it is dropped with a log line, never promised',
    (_, value) => {
      const hostile = run(
        ['standby', `--standby-link-clicked-at=${value}`, LINK],
        CLICKED,
        undefined,
        READY_AFTER,
      )
      expect(hostile.inbox.waiting()).toBeUndefined()
      expect(hostile.notifier.show).not.toHaveBeenCalled()
      hostile.signIn()
      expect(hostile.focus).not.toHaveBeenCalled()
      expect(hostile.log.warn.mock.calls.flat().join('\n')).toMatch(
        /^The link Standby was started on, .*inv_1.*, opens only if it can at once: the time it was clicked, carried from the last run, is .*\. If it does not open, click it again\.$/,
      )
      expect(hostile.log.info.mock.calls.flat().join('\n')).toMatch(/had no time left to wait .* was dropped/)
    },
  )

  it.each(HOSTILE_TIMES)(
    'still opens a link whose carried click time is %s when it can at once: the switch is only a time',
    (_, value) => {
      const argv = ['standby', `--standby-link-clicked-at=${value}`, LINK]
      const known = run(argv, CLICKED, { signedIn: true, holds: true, caughtUp: false }, READY_AFTER)
      expect(known.focus).toHaveBeenCalledOnce()
      // Signed in but still catching up: it would have to wait, and has no wait left.
      const catchingUp = run(argv, CLICKED, { signedIn: true, holds: false, caughtUp: false }, READY_AFTER)
      expect(catchingUp.inbox.waiting()).toBeUndefined()
      expect(catchingUp.focus).not.toHaveBeenCalled()
      expect(catchingUp.relaunchArgv()).toEqual(['standby'])
    },
  )

  it('promises no sign-in to a carried link with its whole wait used up', () => {
    const spent = run(['standby', linkClickedAtArg(CLICKED), LINK], CLICKED + LINK_WAIT_MS)
    expect(spent.notifier.show).not.toHaveBeenCalled()
    expect(spent.inbox.waiting()).toBeUndefined()
  })

  it('reads no click time given twice, and ages a plain click from now', () => {
    expect(
      launchLinkInArgv(
        ['standby', linkClickedAtArg(CLICKED), linkClickedAtArg(CLICKED - MINUTE), LINK],
        CLICKED,
      ),
    ).toEqual({ raw: LINK, unaged: expect.stringMatching(/is not one time/) })
    expect(launchLinkInArgv(['standby', LINK], CLICKED)).toEqual({ raw: LINK, waitedMs: 0 })
    expect(launchLinkInArgv(['standby', linkClickedAtArg(CLICKED)], CLICKED)).toBeUndefined()
  })
})
