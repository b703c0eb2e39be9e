// Ten thousand random and hostile links through the inbox: none may throw, and exactly the ones a
// plain reading of the rule allows (the oracle below, written apart from the parser) may open.
import { describe, expect, it, vi } from 'vitest'
import {
  createDeepLinkInbox,
  DEEP_LINK_BURST_MS,
} from '../../../../../src/main/core/deep-links/deep-link-inbox'
import { ManualClock } from '../../../../../src/shared/clock'
import type { DeepLink } from '../../../../../src/shared/deep-link'
import { deepLinkInArgv } from '../../../../../src/main/core/deep-links/deep-link-argv'
import { forEachMutant, mutants, seededRandom as random } from '../../../../support/mutation-fuzz'

const ORACLE = /^standby:\/\/(invite|session)\/([A-Za-z0-9._~-]{1,64})\/?$/i

/** What the rule says a link opens, read by a regular expression instead of by URL. */
function oracle(raw: unknown): DeepLink | undefined {
  if (typeof raw !== 'string') return undefined
  const match = ORACLE.exec(raw)
  if (!match || /^\.+$/.test(match[2]!)) return undefined
  // The host is case-sensitive; only the scheme is not.
  if (!raw.slice(10).startsWith(match[1]!.toLowerCase())) return undefined
  return { kind: match[1]!.toLowerCase() as DeepLink['kind'], id: match[2]! }
}

const HOSTILE = [
  '/',
  '..',
  '.',
  '%2e',
  '%2E%2E',
  '%2F',
  '%00',
  '%',
  '\\',
  '?',
  '#',
  '@',
  ':',
  ':443',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u202e',
  '\u200f',
  '\ufeff',
  '\ud800',
  '\udfff',
  'é',
  '😀',
  'İ',
  'ſ',
  '\u2024',
  'javascript:',
  'file:',
  '//',
  'standby://',
  'invite',
  'session',
  'app',
  '%252e',
  '&',
  '=',
  "'",
  '"',
  '<',
]
const SCHEMES = [
  'standby',
  'STANDBY',
  'Standby',
  'sTaNdBy',
  'standby-app',
  'standbyx',
  'javascript',
  'file',
  'https',
  'data',
  'blob',
  'stand by',
  '',
]
const HOSTS = [
  'invite',
  'session',
  'Invite',
  'SESSION',
  'app',
  'invites',
  '',
  'invite.',
  'user@invite',
  'invite:80',
]
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-_'

function fuzzCases(count: number, seed: number): ReadonlyArray<unknown> {
  const next = random(seed)
  const pick = <T>(list: ReadonlyArray<T>): T => list[Math.floor(next() * list.length)]!
  const id = (): string =>
    Array.from({ length: 1 + Math.floor(next() * (next() < 0.1 ? 90 : 30)) }, () => pick([...ID_CHARS])).join(
      '',
    )
  const valid = (): string => `standby://${pick(['invite', 'session'])}/${id()}`
  const mutate = (text: string): string => {
    let out = text
    for (let times = 1 + Math.floor(next() * 3); times > 0; times--) {
      const at = Math.floor(next() * (out.length + 1))
      out = `${out.slice(0, at)}${pick(HOSTILE)}${out.slice(at)}`
    }
    return out
  }
  const garbage = (): string =>
    Array.from({ length: Math.floor(next() * 40) }, () =>
      String.fromCharCode(Math.floor(next() * 0xffff)),
    ).join('')
  const makers: ReadonlyArray<() => unknown> = [
    valid,
    valid,
    () => mutate(valid()),
    () => mutate(valid()),
    () => `${pick(SCHEMES)}://${pick(HOSTS)}/${next() < 0.5 ? id() : mutate(id())}${next() < 0.2 ? '/' : ''}`,
    () => `${pick(SCHEMES)}:${pick(['', '/', '//', '///'])}${pick(HOSTS)}/${id()}`,
    () => `standby://${pick(HOSTS)}/${pick(['..', '.', '%2e%2e', '%2e', '../session', './'])}/${id()}`,
    () =>
      `standby://invite/${encodeURIComponent(id())}`.replace(/[a-z]/g, (c) =>
        next() < 0.1 ? `%${c.charCodeAt(0).toString(16)}` : c,
      ),
    () => `standby://invite/${'a'.repeat(Math.floor(next() * 20_000))}`,
    () => `javascript:alert(${JSON.stringify(valid())})`,
    () => `file:///${id()}`,
    garbage,
    () => pick([null, undefined, 42, {}, [valid()], Symbol('link'), true]),
  ]
  return Array.from({ length: count }, () => pick(makers)())
}

describe('ten thousand random and hostile links', () => {
  const cases = fuzzCases(10_000, 0x5eed)
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

  it('throw nothing, and only the links the rule allows open, each naming what it says', () => {
    const opened: DeepLink[] = []
    // One link per burst, so each is judged on its own (a flood is the inbox test's business).
    const clock = new ManualClock(0)
    const inbox = createDeepLinkInbox(log, { clock })
    inbox.openWith((link) => opened.push(link))
    let expected = 0
    for (const raw of cases) {
      const before = opened.length
      expect(() => inbox.receive(raw, 'the fuzz test')).not.toThrow()
      clock.advance(DEEP_LINK_BURST_MS)
      const wanted = oracle(raw)
      if (wanted) expected++
      expect(opened.slice(before), shown(raw)).toEqual(wanted ? [wanted] : [])
    }
    // The generator must exercise both sides, or the test proves nothing.
    expect(expected).toBeGreaterThan(1_000)
    expect(cases.length - expected).toBeGreaterThan(5_000)
  })

  it('leave one bounded log line for each refused one, with no raw control or direction character', () => {
    log.warn.mockClear()
    const clock = new ManualClock(0)
    const inbox = createDeepLinkInbox(log, { clock })
    inbox.openWith(() => undefined)
    for (const raw of cases) {
      inbox.receive(raw, 'the fuzz test')
      clock.advance(DEEP_LINK_BURST_MS)
    }
    expect(log.warn).toHaveBeenCalledTimes(cases.filter((raw) => !oracle(raw)).length)
    for (const line of log.warn.mock.calls.map(([first]) => String(first))) {
      expect(line.length).toBeLessThan(600)
      expect(line).toMatch(/^[\x20-\x7e…]+$/)
    }
  })
})

describe('a second copy’s command line, mutated', () => {
  it('opens only the link the rule allows, or refuses with one log line, whatever the argv holds', async () => {
    const argv = [
      '/opt/Standby/standby',
      '--no-sandbox',
      '--original-process-start-time=1',
      'standby://invite/inv_1',
    ]
    await forEachMutant(mutants(argv, { seed: 0xa77, count: 400 }), (mutant) => {
      const warn = vi.fn()
      const opened: DeepLink[] = []
      const inbox = createDeepLinkInbox(
        { info: vi.fn(), warn, error: vi.fn() },
        { clock: new ManualClock(0) },
      )
      inbox.openWith((link) => opened.push(link))
      const raw = deepLinkInArgv(Array.isArray(mutant.value) ? mutant.value : [mutant.value])
      if (raw !== undefined) inbox.receive(raw, 'a second copy')
      const wanted = oracle(raw)
      expect(opened).toEqual(wanted ? [wanted] : [])
      if (raw !== undefined && !wanted) expect(warn).toHaveBeenCalledOnce()
    })
  })
})

function shown(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw.slice(0, 100)) : typeof raw
}
