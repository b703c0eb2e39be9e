import { describe, expect, it } from 'vitest'
import {
  LINK_AFTER_CATCH_UP,
  LINK_AFTER_SIGN_IN,
  LINK_NOT_OPENED,
  LINK_NOTICE_ID,
  LINK_WAIT_MS,
} from '../../../../../src/main/core/deep-links/deep-link-targets'
import { ManualClock } from '../../../../../src/shared/clock'
import { spiedLinkTargets } from '../../../../support/spied-link-targets'

/** Who is signed in, as the host tells the targets: the cache's expert and the sign-in. */
type Sign = 'out' | 'catching_up' | 'in'

/** Targets over spies, signed in and running unless a test says otherwise. */
const targets = spiedLinkTargets

describe('what a deep link does', () => {
  it('opens an invite or a session the way a press on its notification does, marked as a link’s so nothing that commits takes the focus', () => {
    const { deps, targets: link } = targets()
    link.open({ kind: 'invite', id: 'inv_1' })
    link.open({ kind: 'session', id: 'ses_1' })
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_1', attention: false, link: true }],
      [{ kind: 'session', sessionId: 'ses_1', link: true }],
    ])
    expect(deps.notifier.show).not.toHaveBeenCalled()
  })

  it('says so by a notification and in the window when a link opens nothing', () => {
    const { deps, targets: link } = targets()
    link.refused?.('This standby:// link opens nothing: it has a query or a fragment.')
    expect(deps.notifier.show).toHaveBeenCalledWith({
      kind: 'notice',
      title: LINK_NOT_OPENED,
      body: 'This standby:// link opens nothing: it has a query or a fragment.',
      noticeId: LINK_NOTICE_ID,
    })
    expect(deps.notice).toHaveBeenCalledWith({
      text: `${LINK_NOT_OPENED}: This standby:// link opens nothing: it has a query or a fragment.`,
      tone: 'warning',
    })
  })

  /** Targets whose sign-in and time a test moves. */
  function signing(initial: Sign) {
    const state = { sign: initial }
    const clock = new ManualClock(1_000)
    const world = targets({
      signedIn: () => state.sign === 'in',
      signedOut: () => state.sign === 'out',
      clock,
    })
    return { ...world, state, clock }
  }

  it('signed out, shows the sign-in form, says the link opens after signing in, and opens it then', () => {
    const { deps, targets: link, state } = signing('out')
    link.open({ kind: 'invite', id: 'inv_1' })
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.showWindow).toHaveBeenCalledOnce()
    expect(deps.notifier.show).toHaveBeenCalledWith({
      kind: 'notice',
      title: LINK_AFTER_SIGN_IN,
      body: 'The link to invite inv_1 came while you were signed out: sign in within 10 minutes, and Standby opens it.',
      noticeId: LINK_NOTICE_ID,
    })
    expect(deps.notice).toHaveBeenCalledWith(expect.objectContaining({ tone: 'info' }))
    // Signing in is not enough: the cache must know the expert before the invite can show.
    state.sign = 'catching_up'
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
    state.sign = 'in'
    link.retry()
    link.retry()
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_1', attention: false, link: true }],
    ])
  })

  it('signed in and still catching up, says nothing and opens the last link once the cache knows the expert', () => {
    const { deps, targets: link, state } = signing('catching_up')
    link.open({ kind: 'invite', id: 'inv_1' })
    link.open({ kind: 'session', id: 'ses_2' })
    expect([deps.showWindow, deps.notifier.show, deps.notice].flatMap((spy) => spy.mock.calls)).toEqual([])
    state.sign = 'in'
    link.retry()
    expect(deps.focus.mock.calls).toEqual([[{ kind: 'session', sessionId: 'ses_2', link: true }]])
  })

  it('says which link waits for a sign-in or a catch-up, until it opens or has waited too long', () => {
    const { targets: link, state, clock } = signing('out')
    expect(link.waiting?.()).toBeUndefined()
    link.open({ kind: 'invite', id: 'inv_1' })
    expect(link.waiting?.()?.link).toEqual({ kind: 'invite', id: 'inv_1' })
    clock.advance(LINK_WAIT_MS + 1)
    expect(link.waiting?.()).toBeUndefined()
    link.open({ kind: 'session', id: 'ses_2' })
    state.sign = 'in'
    link.retry()
    expect(link.waiting?.()).toBeUndefined()
  })

  // A relaunch after an unexpected error opens the link still waiting: one whose handling threw
  // would take the new Standby straight into the same error, which then may not relaunch again.
  it('keeps no link waiting whose handling threw: showing the sign-in form for it', () => {
    const state = { sign: 'out' as Sign }
    const { targets: link } = targets({
      signedIn: () => state.sign === 'in',
      signedOut: () => state.sign === 'out',
      showWindow: () => {
        throw new Error('Object has been destroyed')
      },
    })
    expect(() => link.open({ kind: 'invite', id: 'inv_1' })).toThrow('destroyed')
    expect(link.waiting?.()).toBeUndefined()
  })

  it('keeps no link waiting whose handling threw: telling that it waits for the connection', () => {
    const state = { unreachable: false }
    const { targets: link } = targets({
      holds: () => false,
      caughtUp: () => false,
      unreachable: () => state.unreachable,
      notifier: {
        show: () => {
          throw new Error('Object has been destroyed')
        },
      },
    })
    link.open({ kind: 'invite', id: 'inv_1' })
    expect(link.waiting?.()?.link).toEqual({ kind: 'invite', id: 'inv_1' })
    state.unreachable = true
    expect(() => link.retry()).toThrow('destroyed')
    expect(link.waiting?.()).toBeUndefined()
  })

  it('drops a link that waited longer than a sign-in takes, instead of opening it out of the blue', () => {
    const { deps, targets: link, state, clock } = signing('out')
    link.open({ kind: 'invite', id: 'inv_1' })
    clock.advance(LINK_WAIT_MS + 1)
    state.sign = 'in'
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.log.info).toHaveBeenLastCalledWith(expect.stringContaining('waited too long'))
  })

  it('tells the expert, who was promised the link opens after signing in, when it was dropped for a sign-in that came too late', () => {
    const { deps, targets: link, state, clock } = signing('out')
    link.open({ kind: 'session', id: 'ses_1' })
    expect(deps.notifier.show.mock.calls[0]?.[0].body).toMatch(/sign in within 10 minutes/)
    clock.advance(LINK_WAIT_MS + 1)
    state.sign = 'in'
    link.retry()
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.notifier.show.mock.calls.map(([shown]) => shown)).toEqual([
      expect.objectContaining({ title: LINK_AFTER_SIGN_IN }),
      {
        kind: 'notice',
        title: LINK_NOT_OPENED,
        body: 'The link to session ses_1 waited over 10 minutes to open and was dropped: open it from the app.',
        noticeId: LINK_NOTICE_ID,
      },
    ])
  })

  it('keeps that promise through a slow catch-up after a sign-in in time, and tells when it is dropped', () => {
    const state = { sign: 'out' as Sign, caughtUp: false }
    const clock = new ManualClock(0)
    const { deps, targets: link } = targets({
      signedIn: () => state.sign === 'in',
      signedOut: () => state.sign === 'out',
      holds: () => false,
      caughtUp: () => state.caughtUp,
      clock,
    })
    link.open({ kind: 'invite', id: 'inv_1' })
    state.sign = 'in'
    link.retry()
    clock.advance(LINK_WAIT_MS + 1)
    link.retry()
    expect(deps.notifier.show.mock.calls.map(([shown]) => shown.title)).toEqual([
      LINK_AFTER_SIGN_IN,
      LINK_NOT_OPENED,
    ])
  })

  it('times a waiting link by the time that passed, not by the computer’s clock being set', () => {
    for (const stepMs of [-60 * 60_000, 24 * 60 * 60_000]) {
      const { deps, targets: link, state, clock } = signing('out')
      link.open({ kind: 'invite', id: 'inv_1' })
      // The expert or NTP sets the clock while the link waits for the sign-in.
      clock.step(stepMs)
      clock.advance(LINK_WAIT_MS - 1)
      state.sign = 'in'
      link.retry()
      expect(deps.focus.mock.calls).toEqual([
        [{ kind: 'invite', inviteId: 'inv_1', attention: false, link: true }],
      ])
    }
    const { deps, targets: link, state, clock } = signing('out')
    link.open({ kind: 'invite', id: 'inv_1' })
    clock.step(-60 * 60_000)
    clock.advance(LINK_WAIT_MS + 1)
    state.sign = 'in'
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
  })

  /** Signed out, on a manual clock, with a power monitor whose suspend and resume the test reports. */
  function signedOutWithPower() {
    const suspended: Array<() => void> = []
    const resumed: Array<() => void> = []
    const power = {
      onSuspend: (listener: () => void) => (suspended.push(listener), () => undefined),
      onResume: (listener: () => void) => (resumed.push(listener), () => undefined),
    }
    const state = { sign: 'out' as Sign }
    const clock = new ManualClock(1_000)
    const { deps, targets: link } = targets({
      signedIn: () => state.sign === 'in',
      signedOut: () => state.sign === 'out',
      clock,
      power,
    })
    const suspend = () => suspended.forEach((listener) => listener())
    const resume = () => resumed.forEach((listener) => listener())
    return { suspend, resume, state, clock, deps, link }
  }

  it('counts a sleep of the computer as time the link waited, which the monotonic clock does not', () => {
    const { suspend, resume, state, clock, deps, link } = signedOutWithPower()
    link.open({ kind: 'invite', id: 'inv_1' })
    // The lid is closed for the night, and the expert signs in in the morning.
    suspend()
    clock.sleep(8 * 60 * 60_000)
    clock.advance(0)
    resume()
    clock.advance(60_000)
    state.sign = 'in'
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.notifier.show.mock.calls.at(-1)?.[0]).toMatchObject({ title: LINK_NOT_OPENED })
  })

  it('counts a short sleep only for its length, and a screen unlocked without a sleep not at all', () => {
    const { suspend, resume, state, clock, deps, link } = signedOutWithPower()
    link.open({ kind: 'invite', id: 'inv_1' })
    suspend()
    clock.sleep(60_000)
    resume()
    // An unlock is reported as a resume too, with the wall clock set meanwhile.
    clock.step(60 * 60_000)
    resume()
    clock.advance(LINK_WAIT_MS - 2 * 60_000)
    state.sign = 'in'
    link.retry()
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_1', attention: false, link: true }],
    ])
  })

  it('opens a link, and one kept for the sign-in, when the cache cannot be read to say who is signed in, logging it', () => {
    const state = { fails: true }
    const { deps, targets: link } = targets({
      signedIn: () => {
        if (state.fails) throw new Error('database disk image is malformed')
        return true
      },
    })
    expect(() => link.open({ kind: 'invite', id: 'inv_1' })).not.toThrow()
    expect(() => link.retry()).not.toThrow()
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_1', attention: false, link: true }],
    ])
    expect(deps.log.warn).toHaveBeenCalledWith(expect.stringContaining('cache'), expect.any(Error))
  })

  it('opens a waiting link at most once, and not over a link that opened since', () => {
    const { deps, targets: link, state } = signing('out')
    link.open({ kind: 'invite', id: 'inv_old' })
    state.sign = 'in'
    link.open({ kind: 'invite', id: 'inv_new' })
    link.retry()
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_new', attention: false, link: true }],
    ])
  })

  it('does nothing while the app quits', () => {
    const { deps, targets: link } = targets({ live: () => false })
    link.open({ kind: 'invite', id: 'inv_1' })
    link.refused?.('no')
    link.retry()
    expect(
      [deps.focus, deps.notice, deps.notifier.show, deps.showWindow].flatMap((spy) => spy.mock.calls),
    ).toEqual([])
    // A link a second launch hands over as this copy quits is lost to the expert: the log says so.
    expect(deps.log.info).toHaveBeenCalledWith(
      expect.stringMatching(/^A link to invite inv_1 came as Standby was quitting; it opened nothing/),
    )
  })

  describe('that name what the cache does not hold', () => {
    /** Targets whose cache holds `held` and is caught up with the platform or not. */
    function holding(held: ReadonlyArray<string>, caughtUp = true) {
      const state = { held: [...held], caughtUp }
      const world = targets({ holds: (link) => state.held.includes(link.id), caughtUp: () => state.caughtUp })
      return { ...world, state }
    }

    it('caught up, opens nothing and says this expert has no such invite or session, once each', () => {
      const { deps, targets: link } = holding(['inv_mine'])
      link.open({ kind: 'invite', id: 'inv_theirs' })
      link.open({ kind: 'session', id: 'ses_none' })
      link.retry()
      expect(deps.focus).not.toHaveBeenCalled()
      expect(deps.notifier.show.mock.calls.map(([shown]) => shown)).toEqual([
        {
          kind: 'notice',
          title: LINK_NOT_OPENED,
          body: expect.stringMatching(/^Standby has no invite inv_theirs for you: .*another account/),
          noticeId: LINK_NOTICE_ID,
        },
        {
          kind: 'notice',
          title: LINK_NOT_OPENED,
          body: expect.stringMatching(/^Standby has no session ses_none for you: /),
          noticeId: LINK_NOTICE_ID,
        },
      ])
      expect(deps.notice).toHaveBeenCalledTimes(2)
    })

    it('while the platform cannot be reached, says once that the link waits for the connection, and says so again if it is dropped for waiting too long', () => {
      const state = { unreachable: true }
      const clock = new ManualClock(0)
      const { deps, targets: link } = targets({
        holds: () => false,
        caughtUp: () => false,
        unreachable: () => state.unreachable,
        clock,
      })
      link.open({ kind: 'invite', id: 'inv_new' })
      link.retry()
      expect(deps.focus).not.toHaveBeenCalled()
      expect(deps.notifier.show.mock.calls.map(([shown]) => shown)).toEqual([
        {
          kind: 'notice',
          title: LINK_AFTER_CATCH_UP,
          body: expect.stringMatching(
            /^Standby cannot reach the platform now, .*opens once Standby is back online/,
          ),
          noticeId: LINK_NOTICE_ID,
        },
      ])
      clock.advance(LINK_WAIT_MS + 1)
      link.retry()
      expect(deps.notifier.show).toHaveBeenCalledTimes(2)
      expect(deps.notifier.show.mock.calls[1]?.[0]).toMatchObject({
        title: LINK_NOT_OPENED,
        body: expect.stringMatching(
          /waited over 10 minutes for the connection and was dropped: open it from the app/,
        ),
      })
      link.retry()
      expect(deps.notifier.show).toHaveBeenCalledTimes(2)
    })

    it('that came while still connecting is told it waits once the platform turns out unreachable, once', () => {
      const state = { unreachable: false }
      const clock = new ManualClock(0)
      const { deps, targets: link } = targets({
        holds: () => false,
        caughtUp: () => false,
        unreachable: () => state.unreachable,
        clock,
      })
      link.open({ kind: 'session', id: 'ses_1' })
      link.retry()
      expect(deps.notifier.show).not.toHaveBeenCalled()
      clock.advance(4 * 60_000)
      state.unreachable = true
      link.retry()
      link.retry()
      expect(deps.notifier.show.mock.calls.map(([shown]) => shown.title)).toEqual([LINK_AFTER_CATCH_UP])
      // Told what is left of its wait, not the whole wait again.
      expect(deps.notifier.show.mock.calls[0]?.[0].body).toMatch(/if within 6 minutes\.$/)
    })

    it('not yet caught up (a start, a reconnection), waits for the catch-up: then opens it if it came, or says so', () => {
      const { deps, targets: link, state } = holding([], false)
      link.open({ kind: 'invite', id: 'inv_new' })
      link.retry()
      expect(deps.focus).not.toHaveBeenCalled()
      expect(deps.notifier.show).not.toHaveBeenCalled()
      // The catch-up brings the invite the link was sent for.
      state.held.push('inv_new')
      state.caughtUp = true
      link.retry()
      link.retry()
      expect(deps.focus.mock.calls).toEqual([
        [{ kind: 'invite', inviteId: 'inv_new', attention: false, link: true }],
      ])
      state.caughtUp = false
      link.open({ kind: 'session', id: 'ses_gone' })
      state.caughtUp = true
      link.retry()
      expect(deps.focus).toHaveBeenCalledOnce()
      expect(deps.notifier.show).toHaveBeenCalledWith(
        expect.objectContaining({ body: expect.stringMatching(/^Standby has no session ses_gone for you/) }),
      )
    })
  })
})
