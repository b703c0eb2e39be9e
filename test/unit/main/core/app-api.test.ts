import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import {
  COMMAND_LIMITS,
  COMMAND_WORDS,
  MESSAGE_ATTEMPT_LIMITS,
  MESSAGE_ATTEMPT_WORDS,
  MESSAGE_LIMITS,
  MESSAGE_WORDS,
  pageOpens,
  SIGN_IN_LIMITS,
  SIGN_IN_WORDS,
  WINDOW_RAISE_LIMITS,
  WINDOW_RAISE_WORDS,
} from '../../../../src/main/core/ipc/page-opens'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { ManualClock } from '../../../../src/shared/clock'
import { checkPlatformUrl } from '../../../../src/shared/platform-url'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { OPEN_INVITES_LISTED } from '../../../../src/shared/ipc/list-limits'
import { anInvite, aRequest, FIXTURE_NOW } from '../../../support/fixtures'
import { recordingLog } from '../../../support/recording-log'

describe('invites.list', () => {
  it('answers the newest open invites only, however many a platform keeps open', () => {
    const open = Array.from({ length: OPEN_INVITES_LISTED * 3 }, (_, n) =>
      anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }), sentAt: FIXTURE_NOW - n }),
    )
    const core = {
      cache: { openInvites: () => open, missedInvites: () => [] },
      platformClock: { deadlines: { now: () => FIXTURE_NOW } },
    }
    const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
    const lists = invokeContract['invites.list'].response.parse(api['invites.list'](undefined))
    expect(lists.open.map((invite) => invite.id)).toEqual(
      open.slice(0, OPEN_INVITES_LISTED).map((invite) => invite.id),
    )
  })
})

describe('settings.getLoginItem', () => {
  it('asks the OS again as Settings shows the switch, for a change made in the system’s settings', () => {
    const now = { applied: false as const, problem: 'Turned off in the startup apps.' }
    const launchAtLogin = { status: () => ({ applied: true as const }), refresh: () => now }
    const core = { platformClock: { deadlines: { now: () => FIXTURE_NOW } } }
    const deps = { launchAtLogin } as unknown as AppApiDeps
    const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, deps)
    expect(api['settings.getLoginItem'](undefined)).toEqual(now)
  })
})

describe('a page calling in a loop', () => {
  const sent = { ok: true, result: {} }
  function loopedApi() {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const commands: unknown[] = []
    let answer: unknown = sent
    let focused = false
    const core = {
      command: (_name: string, payload: unknown) => (commands.push(payload), answer),
      hasFocus: () => focused,
    }
    let raised = 0
    const host = { showWindow: () => void raised++ } as unknown as HostInfo
    const deps = {
      log,
      messagesSent: pageOpens(clock, log, MESSAGE_LIMITS, MESSAGE_WORDS),
      messageAttempts: pageOpens(clock, log, MESSAGE_ATTEMPT_LIMITS, MESSAGE_ATTEMPT_WORDS),
      windowRaises: pageOpens(clock, log, WINDOW_RAISE_LIMITS, WINDOW_RAISE_WORDS),
      commandsOfAKind: () => pageOpens(clock, log, COMMAND_LIMITS, COMMAND_WORDS),
    } as unknown as AppApiDeps
    const api = createAppApi(core as unknown as StandbyCore, host, deps)
    return {
      api,
      clock,
      log,
      commands,
      raised: () => raised,
      answer: (next: unknown) => void (answer = next),
      focus: (now: boolean) => void (focused = now),
    }
  }

  it('sends every message a person could type, the same one twice included, and refuses a flood before it reaches the client', async () => {
    const { api, clock, commands } = loopedApi()
    const ok = { requestId: 'req_1', body: 'ok' }
    for (let n = 0; n < MESSAGE_LIMITS.most; n++) expect(await api['messages.send'](ok)).toBe(sent)
    expect(commands).toHaveLength(MESSAGE_LIMITS.most)
    const outcomes = await Promise.all(Array.from({ length: 1_000 }, () => api['messages.send'](ok)))
    expect(commands).toHaveLength(MESSAGE_LIMITS.most)
    expect(outcomes[0]).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/did not send the message.*still in the box.*wait a minute/),
      },
    })
    clock.advance(MESSAGE_LIMITS.windowMs)
    expect(await api['messages.send'](ok)).toBe(sent)
  })

  it.each(['offline', 'signed_out', 'invalid_state', 'refused'])(
    'counts only the messages that left: one failing as %s is given back, but a loop of failing sends is held',
    async (code) => {
      const { api, commands, answer } = loopedApi()
      const ok = { requestId: 'req_1', body: 'ok' }
      answer({ ok: false, error: { code, message: 'Not sent.' } })
      for (let n = 0; n < MESSAGE_LIMITS.most; n++) await api['messages.send'](ok)
      answer(sent)
      // The expert, back online, sends a minute's worth of messages all the same.
      for (let n = 0; n < MESSAGE_LIMITS.most; n++) expect(await api['messages.send'](ok)).toBe(sent)
      expect(commands).toHaveLength(2 * MESSAGE_LIMITS.most)
      expect(await api['messages.send'](ok)).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
      expect(commands).toHaveLength(2 * MESSAGE_LIMITS.most)
    },
  )

  it('holds a page sending in a loop that keeps failing, and keeps counting a message that may have reached the client', async () => {
    const { api, clock, commands, answer } = loopedApi()
    const ok = { requestId: 'req_1', body: 'ok' }
    answer({ ok: false, error: { code: 'offline', message: 'You are offline.' } })
    // One after another, each failing before the next: at once, the bound of MESSAGE_LIMITS holds them.
    for (let n = 0; n < 1_000; n++) await api['messages.send'](ok)
    expect(commands).toHaveLength(MESSAGE_ATTEMPT_LIMITS.most)
    expect(await api['messages.send'](ok)).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/did not send the message.*still in the box/),
      },
    })
    clock.advance(MESSAGE_ATTEMPT_LIMITS.windowMs)
    answer({ ok: false, error: { code: 'timeout', message: 'No answer.' } })
    for (let n = 0; n < MESSAGE_LIMITS.most; n++) await api['messages.send'](ok)
    expect(await api['messages.send'](ok)).toMatchObject({
      error: { message: expect.stringMatching(/messages were sent within the last minute/) },
    })
  })

  it('sends every Join, Decline or change of availability a person could press, and refuses a loop of one kind only, saying nothing was sent', async () => {
    const { api, clock, commands } = loopedApi()
    const join = { sessionId: 'ses_1' }
    for (let n = 0; n < COMMAND_LIMITS.most; n++) expect(await api['sessions.join'](join)).toBe(sent)
    const loop = await Promise.all(Array.from({ length: 1_000 }, () => api['sessions.join'](join)))
    expect(commands).toHaveLength(COMMAND_LIMITS.most)
    expect(loop[0]).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^Standby did not start the session: .*nothing was sent.*Wait a minute/,
        ),
      },
    })
    // Another kind is not held back by the loop: the expert can still answer an invite or go away.
    expect(await api['invites.decline']({ inviteId: 'inv_1' })).toBe(sent)
    expect(await api['availability.set']({ availability: 'away', onlineUntil: null })).toBe(sent)
    clock.advance(COMMAND_LIMITS.windowMs)
    expect(await api['sessions.join'](join)).toBe(sent)
  })

  it('brings the window to the front a few times, then leaves it there however often it is asked', () => {
    const { api, clock, log, raised } = loopedApi()
    for (let n = 0; n < 1_000; n++) api['app.showWindow'](undefined)
    expect(raised()).toBe(WINDOW_RAISE_LIMITS.most)
    expect(log.lines).toHaveLength(1)
    clock.advance(WINDOW_RAISE_LIMITS.windowMs)
    api['app.showWindow'](undefined)
    expect(raised()).toBe(WINDOW_RAISE_LIMITS.most + 1)
  })

  it("always shows the window when the expert asks from a Standby window that has the keyboard (the popover's Open Standby)", () => {
    const { api, raised, focus } = loopedApi()
    for (let n = 0; n < WINDOW_RAISE_LIMITS.most; n++) api['app.showWindow'](undefined)
    focus(true)
    api['app.showWindow'](undefined)
    api['app.showWindow'](undefined)
    expect(raised()).toBe(WINDOW_RAISE_LIMITS.most + 2)
    focus(false)
    api['app.showWindow'](undefined)
    expect(raised()).toBe(WINDOW_RAISE_LIMITS.most + 2)
  })
})

describe('auth.signIn tried again and again', () => {
  function signInApi() {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const sent: string[] = []
    let accepted = false
    const expert = { id: 'exp_1' }
    const core = {
      // As the core's sign-in does: an address it refuses by itself is sent nowhere.
      signIn: async (platformUrl: string) => {
        const address = checkPlatformUrl(platformUrl)
        if (!address.ok) return { ok: false, reason: 'invalid_input', message: address.message }
        sent.push(platformUrl)
        return accepted
          ? { ok: true, expert, platformUrl, token: 't' }
          : { ok: false, reason: 'wrong_credentials', message: 'The email or password is wrong.' }
      },
    }
    const deps = {
      log,
      settings: { update: () => undefined },
      signInAttempts: pageOpens(clock, log, SIGN_IN_LIMITS, SIGN_IN_WORDS),
    } as unknown as AppApiDeps
    const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, deps)
    const signIn = (platformUrl: string) =>
      api['auth.signIn']({ platformUrl, email: 'a@example.com', password: 'secret-1' })
    return { signIn, sent, accept: () => void (accepted = true) }
  }

  it('tells a typo in the address at once without counting it, so the sign-in typed right after goes through', async () => {
    const { signIn, sent, accept } = signInApi()
    const typos = [
      'ftp://platform.example.com',
      'http://platform.example.com',
      'https://me:pw@platform.example.com',
    ]
    for (let n = 0; n < SIGN_IN_LIMITS.most * 3; n++)
      expect(await signIn(typos[n % typos.length]!)).toEqual({
        ok: false,
        reason: 'invalid_input',
        message: expect.stringMatching(/platform address|https:\/\/platform\.example\.com/),
      })
    expect(sent).toEqual([])
    accept()
    expect(await signIn('platform.example.com')).toMatchObject({ ok: true })
    expect(sent).toEqual(['platform.example.com'])
  })

  it('still holds a loop of sign-ins that are sent, and tells a typo past the bound as a typo', async () => {
    const { signIn, sent } = signInApi()
    for (let n = 0; n < SIGN_IN_LIMITS.most; n++)
      expect(await signIn('https://platform.example.com')).toMatchObject({ reason: 'wrong_credentials' })
    expect(await signIn('https://platform.example.com')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Standby did not sign in: .*Wait a minute/),
    })
    expect(await signIn('ftp://platform.example.com')).toMatchObject({ reason: 'invalid_input' })
    expect(sent).toHaveLength(SIGN_IN_LIMITS.most)
  })
})
