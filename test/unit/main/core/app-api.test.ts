import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import {
  COMMAND_LIMITS,
  COMMAND_WORDS,
  MESSAGE_LIMITS,
  MESSAGE_WORDS,
  pageOpens,
  WINDOW_RAISE_LIMITS,
  WINDOW_RAISE_WORDS,
} from '../../../../src/main/core/ipc/page-opens'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { ManualClock } from '../../../../src/shared/clock'
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
    const core = { command: (_name: string, payload: unknown) => (commands.push(payload), sent) }
    let raised = 0
    const host = { showWindow: () => void raised++ } as unknown as HostInfo
    const deps = {
      log,
      messagesSent: pageOpens(clock, log, MESSAGE_LIMITS, MESSAGE_WORDS),
      windowRaises: pageOpens(clock, log, WINDOW_RAISE_LIMITS, WINDOW_RAISE_WORDS),
      commandsOfAKind: () => pageOpens(clock, log, COMMAND_LIMITS, COMMAND_WORDS),
    } as unknown as AppApiDeps
    const api = createAppApi(core as unknown as StandbyCore, host, deps)
    return { api, clock, log, commands, raised: () => raised }
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
})
