import { describe, expect, it, vi } from 'vitest'
import {
  createDeepLinkInbox,
  DEEP_LINK_BURST,
  DEEP_LINK_BURST_MS,
} from '../../../../../src/main/core/deep-links/deep-link-inbox'
import { ManualClock } from '../../../../../src/shared/clock'

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })

describe('the deep link inbox', () => {
  it('keeps a link that arrives before the app can show it, and opens it once it can', () => {
    const inbox = createDeepLinkInbox(logger())
    inbox.receive('standby://invite/inv_1', 'macOS')
    const open = vi.fn()
    inbox.openWith(open)
    expect(open.mock.calls).toEqual([[{ kind: 'invite', id: 'inv_1' }]])
  })

  it('opens only the last of the links that arrived early', () => {
    const inbox = createDeepLinkInbox(logger())
    inbox.receive('standby://invite/inv_1', 'macOS')
    inbox.receive('standby://session/ses_2', 'macOS')
    inbox.receive('standby://nonsense', 'macOS')
    const open = vi.fn()
    inbox.openWith(open)
    expect(open.mock.calls).toEqual([[{ kind: 'session', id: 'ses_2' }]])
  })

  it('says which link has not opened yet: kept until the app can show it, then the one its targets keep', () => {
    const inbox = createDeepLinkInbox(logger())
    expect(inbox.waiting()).toBeUndefined()
    inbox.receive('standby://invite/inv_1', 'macOS')
    inbox.receive('standby://nonsense', 'macOS')
    expect(inbox.waiting()?.link).toEqual({ kind: 'invite', id: 'inv_1' })
    let kept: { kind: 'invite' | 'session'; id: string } | undefined
    inbox.openWith({ open: (link) => (kept = link), waiting: () => kept && { link: kept, waitedMs: 0 } })
    expect(inbox.waiting()?.link).toEqual({ kind: 'invite', id: 'inv_1' })
    kept = undefined
    expect(inbox.waiting()).toBeUndefined()
  })

  it('says a link came, valid or refused, so a start on one builds no window of its own', () => {
    const inbox = createDeepLinkInbox(logger())
    expect(inbox.received()).toBe(false)
    inbox.receive('standby://invite/../session/ses_1', 'the command line')
    expect([inbox.received(), inbox.waiting()]).toEqual([true, undefined])
  })

  it('says which link a flood holds back, until it opens', () => {
    const clock = new ManualClock(0)
    const inbox = createDeepLinkInbox(logger(), { clock })
    inbox.openWith(() => undefined)
    for (let i = 0; i <= DEEP_LINK_BURST; i++) inbox.receive(`standby://invite/inv_${i}`, 'macOS')
    expect(inbox.waiting()?.link).toEqual({ kind: 'invite', id: `inv_${DEEP_LINK_BURST}` })
    clock.advance(DEEP_LINK_BURST_MS)
    expect(inbox.waiting()).toBeUndefined()
  })

  it('at the quit times no burst any more, and keeps the link a flood held back for the next Standby', () => {
    const clock = new ManualClock(0)
    const inbox = createDeepLinkInbox(logger(), { clock })
    const open = vi.fn()
    inbox.openWith(open)
    for (let i = 0; i <= DEEP_LINK_BURST; i++) inbox.receive(`standby://invite/inv_${i}`, 'macOS')
    inbox.stop()
    expect(clock.pendingTimers).toBe(0)
    clock.advance(DEEP_LINK_BURST_MS)
    // Nothing opens after the quit; the held link is the one a Standby started after it opens.
    expect(open).toHaveBeenCalledTimes(DEEP_LINK_BURST)
    expect(inbox.waiting()?.link).toEqual({ kind: 'invite', id: `inv_${DEEP_LINK_BURST}` })
  })

  it('opens each link at once when the app is up', () => {
    const inbox = createDeepLinkInbox(logger())
    const open = vi.fn()
    inbox.openWith(open)
    expect(open).not.toHaveBeenCalled()
    inbox.receive('standby://invite/inv_1', 'a second launch')
    inbox.receive('standby://invite/inv_1', 'a second launch')
    expect(open).toHaveBeenCalledTimes(2)
  })

  it('refuses a bad link with one escaped log line saying what to do, and opens nothing', () => {
    const log = logger()
    const inbox = createDeepLinkInbox(log)
    const open = vi.fn()
    inbox.openWith(open)
    inbox.receive('standby://invite/../session/x\n[error] forged', 'a second launch')
    expect(open).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledOnce()
    const [line] = log.warn.mock.calls[0] as [string]
    expect(line).toContain(
      'Ignored a link from a second launch, "standby://invite/../session/x\\u{a}[error] forged"',
    )
    expect(line).toContain('open the invite from the app instead')
    expect(line).not.toContain('\n')
  })

  it('tells the expert why a link opened nothing and what to do, also for one that came early', () => {
    const inbox = createDeepLinkInbox(logger(), { clock: new ManualClock(0) })
    inbox.receive('standby://invite/%2e%2e', 'macOS')
    const open = vi.fn()
    const refused = vi.fn()
    inbox.openWith({ open, refused })
    inbox.receive('standby://invite/inv_1?x=1', 'a second launch')
    expect(open).not.toHaveBeenCalled()
    expect(refused).toHaveBeenCalledTimes(2)
    expect(refused.mock.calls[1]?.[0]).toMatch(
      /^This standby:\/\/ link opens nothing: it has a query or a fragment\. .*open the invite from the app instead\.$/,
    )
  })

  /** An open inbox fed a flood of `count` links, half valid, `gapMs` apart; returns what it told. */
  function flood(count: number, gapMs: number) {
    const log = logger()
    const clock = new ManualClock(0)
    const inbox = createDeepLinkInbox(log, { clock })
    const open = vi.fn()
    const refused = vi.fn()
    inbox.openWith({ open, refused })
    for (let i = 0; i < count; i++) {
      inbox.receive(i % 2 ? `standby://invite/inv_${i}` : 'standby://x', 'macOS')
      clock.advance(gapMs)
    }
    // What reached the expert during the flood, then what happens once it has been quiet a burst long.
    const told = open.mock.calls.length + refused.mock.calls.length
    const warned = log.warn.mock.calls.map(([line]) => String(line))
    open.mockClear()
    clock.advance(DEEP_LINK_BURST_MS)
    // The flood is over: the next click opens at once.
    inbox.receive('standby://session/ses_1', 'macOS')
    return { told, warned, opened: open.mock.calls, lastWarning: String(log.warn.mock.calls.at(-1)?.[0]) }
  }

  it('handles a burst of a flood one by one, then opens only the last valid link once, with one log line', () => {
    const { told, warned, opened, lastWarning } = flood(10_000, 0)
    expect(told).toBe(DEEP_LINK_BURST)
    expect(warned.length).toBeLessThanOrEqual(DEEP_LINK_BURST)
    // The held link has waited out the flood, and ages from its click.
    expect(opened).toEqual([
      [{ kind: 'invite', id: 'inv_9999' }, DEEP_LINK_BURST_MS],
      [{ kind: 'session', id: 'ses_1' }, 0],
    ])
    expect(lastWarning).toMatch(/^Ignored 9990 standby:\/\/ links .*opening the last valid one\.$/)
  })

  it('holds a flood that goes on past a burst until it stops, then opens the last valid link once', () => {
    // A page opening standby:// links in a loop for a minute, twenty a second.
    const { told, warned, opened, lastWarning } = flood(1_200, 50)
    // Only the first burst reached the expert: the window is not brought forward again and again.
    expect(told).toBe(DEEP_LINK_BURST)
    expect(warned.length).toBeLessThanOrEqual(DEEP_LINK_BURST + 1)
    expect(warned.filter((line) => /ignores them until they stop/.test(line))).toHaveLength(1)
    // The held link has waited out the flood, and ages from its click.
    expect(opened).toEqual([
      [{ kind: 'invite', id: 'inv_1199' }, DEEP_LINK_BURST_MS],
      [{ kind: 'session', id: 'ses_1' }, 0],
    ])
    expect(lastWarning).toMatch(/^Ignored 1190 standby:\/\/ links .*opening the last valid one\.$/)
  })
})
