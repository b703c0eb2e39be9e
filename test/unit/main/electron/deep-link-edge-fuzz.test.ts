// Seeded links through every way the OS hands one over (macOS's open-url, a second launch's
// command line beside switches, the command line Standby starts on), before the app is ready,
// before a sign-in and as Standby quits: only what the rule allows opens, each refusal is told in a
// bounded sentence that repeats none of the link, no switch beside or inside a link is carried on,
// and the next good link still opens.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  LINK_CLICKED_AT_SWITCH,
  receiveLaunchLink,
} from '../../../../src/main/core/deep-links/deep-link-argv'
import {
  createDeepLinkInbox,
  DEEP_LINK_BURST_MS,
  type DeepLinkInbox,
} from '../../../../src/main/core/deep-links/deep-link-inbox'
import { onOpenUrl } from '../../../../src/main/electron/deep-links'
import { systemLinks } from '../../../../src/main/electron/link-after-quit'
import { createRelaunchAtQuit } from '../../../../src/main/electron/relaunch-at-quit'
import { ManualClock } from '../../../../src/shared/clock'
import { deepLinkUrl, type DeepLink } from '../../../../src/shared/deep-link'
import { fake, resetFakeElectron } from '../../../support/fake-electron'
import {
  argvAround,
  hostileLinks,
  LINK_ATTACKER_TEXT,
  linkOracle,
  SWITCHES,
} from '../../../support/hostile-links'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { spiedLinkTargets } from '../../../support/spied-link-targets'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const EXE = 'C:\\Program Files\\Standby\\Standby.exe'
const GOOD = 'standby://invite/inv_good'

let clock: ManualClock
let log: RecordingLog
let inbox: DeepLinkInbox
let opened: DeepLink[]
let refusals: string[]

beforeEach(() => {
  resetFakeElectron()
  clock = new ManualClock(0)
  log = recordingLog()
  inbox = createDeepLinkInbox(log, { clock })
  opened = []
  refusals = []
})

function expectToldSentence(sentence: string): void {
  expect(sentence).toMatch(/^This standby:\/\/ link opens nothing: .+\.$/)
  expect(sentence.length).toBeLessThan(400)
  expect(sentence).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  expect(sentence).not.toContain(LINK_ATTACKER_TEXT.slice(0, 12))
}

function expectLogBounded(): void {
  for (const line of log.lines) {
    expect(line.length).toBeLessThan(600)
    expect(line).toMatch(/^[\x20-\x7e…]+$/)
    expect(line).not.toContain(LINK_ATTACKER_TEXT)
  }
}

/** Each way the OS hands a link to this running Standby. */
const EDGES: ReadonlyArray<readonly [string, boolean, (link: string, n: number) => void]> = [
  ['macOS’s open-url', false, (link) => fake.app.openUrl(link)],
  ['a second launch’s command line', true, (link, n) => fake.app.secondInstance(argvAround(link, n))],
  [
    'the command line Standby starts on',
    true,
    (link, n) => receiveLaunchLink(argvAround(link, n, LINK_CLICKED_AT_SWITCH), 0, inbox, log),
  ],
]

describe.each(EDGES)('links by %s, the app ready', (_edge, byArgv, handOver) => {
  it('open exactly what the rule allows, tell each refusal in a bounded sentence, and open the next good one', () => {
    inbox.openWith({ open: (link) => opened.push(link), refused: (sentence) => refusals.push(sentence) })
    const links = systemLinks({
      log,
      isQuitting: () => false,
      inbox,
      relaunch: { openAfterQuit: () => expect.fail('no quit') },
    })
    onOpenUrl(fake.app, (url) => links.receive(url, 'macOS'))
    fake.app.on('second-instance', (_event: unknown, argv: string[]) => links.secondLaunch(argv))
    const cases = hostileLinks(0xd11, 1_500)
    cases.forEach((raw, n) => {
      const [openedBefore, refusedBefore] = [opened.length, refusals.length]
      handOver(raw, n)
      const wanted = linkOracle(raw)
      // In a command line, an argument not in the scheme is no link at all (a switch, a path).
      const claimed = !byArgv || /^standby:/i.test(raw)
      expect(opened.slice(openedBefore), JSON.stringify(raw.slice(0, 80))).toEqual(wanted ? [wanted] : [])
      expect(refusals.length - refusedBefore, JSON.stringify(raw.slice(0, 80))).toBe(
        wanted || !claimed ? 0 : 1,
      )
      if (!wanted) expectToldSentence(refusals.at(-1)!)
      // A link in our scheme is told what is wrong with it, not that it is no URL at all.
      if (!wanted && /^standby:/i.test(raw)) expect(refusals.at(-1)).not.toContain('not a URL')
      clock.advance(DEEP_LINK_BURST_MS)
      handOver(GOOD, n)
      expect(opened.at(-1)).toEqual({ kind: 'invite', id: 'inv_good' })
      clock.advance(DEEP_LINK_BURST_MS)
    })
    expect(cases.filter((raw) => linkOracle(raw)).length).toBeGreaterThan(200)
    expectLogBounded()
  })
})

describe.each(EDGES)('a link that only looks right, by %s', (_edge, _byArgv, handOver) => {
  it('is told by what hides in it or what it is spelt with, not as naming no invite', () => {
    inbox.openWith({ open: (link) => opened.push(link), refused: (sentence) => refusals.push(sentence) })
    const links = systemLinks({
      log,
      isQuitting: () => false,
      inbox,
      relaunch: { openAfterQuit: () => expect.fail('no quit') },
    })
    onOpenUrl(fake.app, (url) => links.receive(url, 'macOS'))
    fake.app.on('second-instance', (_event: unknown, argv: string[]) => links.secondLaunch(argv))
    const told = (raw: string, n: number): string => {
      handOver(raw, n)
      clock.advance(DEEP_LINK_BURST_MS)
      return refusals.at(-1) ?? ''
    }
    // A zero-width space before the kind, a Cyrillic і in it, a direction mark after the id.
    expect(told('standby://\u200binvite/inv_1', 0)).toContain('invisible characters')
    expect(told('standby://invіte/inv_1', 1)).toContain('a letter from another alphabet')
    expect(told('standby://session/ses_1\u200e', 2)).toContain('invisible characters')
    // The same as a browser hands them on, percent-encoded.
    expect(told('standby://%E2%80%8Binvite/inv_1', 3)).toContain('invisible characters')
    expect(told('standby://inv%D1%96te/inv_1', 4)).toContain('a letter from another alphabet')
    refusals.forEach(expectToldSentence)
    expect(opened).toEqual([])
    expectLogBounded()
  })
})

describe('links that come before the app is ready', () => {
  it.each([0x1, 0x2, 0x3, 0x4, 0x5])(
    'seed %i: the last valid one opens once ready, or one refusal is told',
    (seed) => {
      const cases = hostileLinks(seed, 40)
      for (const raw of cases) {
        fake.app.openUrl(raw)
        clock.advance(DEEP_LINK_BURST_MS)
      }
      onOpenUrl(fake.app, (url) => inbox.receive(url, 'macOS'))
      for (const raw of cases) {
        fake.app.openUrl(raw)
        clock.advance(DEEP_LINK_BURST_MS)
      }
      inbox.openWith({ open: (link) => opened.push(link), refused: (sentence) => refusals.push(sentence) })
      const valid = cases.map(linkOracle).filter((link) => link !== undefined)
      expect(opened).toEqual(valid.length > 0 ? [valid.at(-1)] : [])
      expect(refusals).toHaveLength(valid.length > 0 ? 0 : 1)
      refusals.forEach(expectToldSentence)
    },
  )
})

describe('links that come before the sign-in', () => {
  it.each([0x11, 0x12, 0x13])(
    'seed %i: the last valid one opens after the sign-in, every refusal told',
    (seed) => {
      const state = { signedIn: false }
      const { deps, targets } = spiedLinkTargets({
        clock,
        signedIn: () => state.signedIn,
        signedOut: () => !state.signedIn,
      })
      inbox.openWith(targets)
      const cases = hostileLinks(seed, 60)
      for (const raw of cases) {
        inbox.receive(raw, 'macOS')
        clock.advance(1_000)
      }
      expect(deps.focus).not.toHaveBeenCalled()
      state.signedIn = true
      targets.retry()
      const valid = cases.map(linkOracle).filter((link) => link !== undefined)
      const last = valid.at(-1)
      expect(deps.focus.mock.calls.length).toBe(last === undefined ? 0 : 1)
      if (last !== undefined)
        expect(deps.focus.mock.calls[0]![0]).toMatchObject(
          last.kind === 'invite' ? { inviteId: last.id, link: true } : { sessionId: last.id, link: true },
        )
      for (const [notice] of deps.notice.mock.calls) {
        expect(notice.text.length).toBeLessThan(600)
        expect(notice.text).not.toMatch(/[\p{Cc}\p{Cf}]/u)
      }
    },
  )
})

describe('links from second launches as Standby quits', () => {
  it.each([0x21, 0x22, 0x23, 0x24])(
    'seed %i: one Standby starts again on the last valid link as Standby spells it, with no switch of the links’ command lines',
    (seed) => {
      const state = { quitting: false }
      const relaunch = createRelaunchAtQuit({
        log,
        updater: () => ({ autoInstallOnAppQuit: true }),
        process: { platform: 'win32', argv: [EXE, '--hidden'], env: {}, execPath: EXE },
      })
      const links = systemLinks({ log, isQuitting: () => state.quitting, inbox, relaunch })
      fake.app.on('before-quit', () => (state.quitting = true))
      const cases = hostileLinks(seed, 30)
      fake.app.once('will-quit', () =>
        cases.forEach((raw, n) => links.secondLaunch(argvAround(raw, seed + n))),
      )
      fake.app.quit()
      const last = cases
        .map(linkOracle)
        .filter((link) => link !== undefined)
        .at(-1)
      const relaunches = fake.app.relaunch.mock.calls.map(([options]) => options?.args)
      expect(relaunches).toEqual(last === undefined ? [] : [[deepLinkUrl(last)]])
      for (const args of relaunches) for (const flag of SWITCHES) expect(args).not.toContain(flag)
      expectLogBounded()
    },
  )
})
