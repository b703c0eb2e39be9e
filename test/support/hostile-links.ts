/**
 * A seeded generator of `standby://` links as anyone who can put a link in front of the expert may
 * write them: valid ones in every spelling the rule allows, and ones broken in each way the rule
 * refuses (percent-escapes double, invalid or of a slash or NUL, the scheme's case, extra slashes,
 * a user and password, a port, a fragment, repeated queries, look-alike hosts, hidden characters,
 * very long links, switches written into the link, backslashes and brackets where the slashes and
 * the kind stand), each with the oracle's reading of it.
 */
import type { DeepLink } from '../../src/shared/deep-link'
import { seededRandom } from './mutation-fuzz'

/** Text no refusal may repeat, put into the long links. */
export const LINK_ATTACKER_TEXT = 'QZV'.repeat(30)

/** Switches that must never reach Chromium or Node from a link, and this app's own. */
export const SWITCHES: ReadonlyArray<string> = [
  '--inspect',
  '--inspect=0.0.0.0:9229',
  '--inspect-brk',
  '--remote-debugging-port=9222',
  '--remote-debugging-pipe',
  '--js-flags=--allow-natives-syntax',
  '--gpu-launcher=calc.exe',
  '--renderer-cmd-prefix=/bin/sh',
  '--no-sandbox',
  '--hidden',
  '--relaunched-after-error',
  '--standby-link-clicked-at=0',
  '--user-data-dir=/tmp/elsewhere',
  '--',
]

const ORACLE = /^standby:\/\/(invite|session)\/([A-Za-z0-9._~-]{1,64})\/?$/i

/** What the rule says `raw` opens, read by a regular expression rather than by URL. */
export function linkOracle(raw: unknown): DeepLink | undefined {
  if (typeof raw !== 'string') return undefined
  const match = ORACLE.exec(raw)
  if (!match || /^\.+$/.test(match[2]!)) return undefined
  // The host is case-sensitive; only the scheme is not.
  if (match[1] !== match[1]!.toLowerCase()) return undefined
  return { kind: match[1] as DeepLink['kind'], id: match[2]! }
}

const ID_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-_']

/** `count` links, valid and broken, the same for the same seed. */
export function hostileLinks(seed: number, count: number): string[] {
  const random = seededRandom(seed)
  const one = <T>(items: ReadonlyArray<T>): T => items[Math.floor(random() * items.length)]!
  const id = (): string => Array.from({ length: 1 + Math.floor(random() * 20) }, () => one(ID_CHARS)).join('')
  const kind = (): string => one(['invite', 'session'])
  const scheme = (): string =>
    [...'standby'].map((char) => (random() < 0.3 ? char.toUpperCase() : char)).join('')
  const valid = (): string => `${scheme()}://${kind()}/${id()}${random() < 0.2 ? '/' : ''}`
  const escapeOne = (text: string): string => {
    const at = 'standby://'.length + Math.floor(random() * (text.length - 'standby://'.length))
    const code = `%${text.charCodeAt(at).toString(16).toUpperCase().padStart(2, '0')}`
    return `${text.slice(0, at)}${random() < 0.5 ? code : code.replace('%', '%25')}${text.slice(at + 1)}`
  }
  const makers: ReadonlyArray<() => string> = [
    valid,
    valid,
    valid,
    () => escapeOne(valid()),
    () =>
      `standby://${kind()}/${one(['%ZZ', '%', '%2', '%2F', '%2f', '%00', '%5C', '%2e%2e', '%252F'])}${id()}`,
    () => `standby://${kind()}/${id()}${one(['%2Fx', '%00', '%0A', '%E2%80%AE'])}`,
    () => `${scheme()}:${one(['', '/', '///', '////'])}${kind()}/${id()}`,
    () => `standby://${kind()}${one(['//', '///'])}${id()}`,
    () =>
      `standby:${one(['//', '\\\\', '/\\', '\\/'])}${one(['[', '<', ''])}${kind()}${one(['\\', ']/', '/'])}${id()}`,
    () => `standby://${kind()}/${id()}${one(['//', '/./', '/../', '/x'])}`,
    () => `standby://${one(['user@', 'user:pass@', ':@', 'a:b@c@'])}${kind()}/${id()}`,
    () => `standby://${kind()}:${one(['', '0', '80', '443', '65536', '-1', 'x'])}/${id()}`,
    () => `standby://${kind()}/${id()}${one(['#', '#x', '#/../session/x', '?', '?a=1&a=2', '?id=x&id=y#z'])}`,
    () =>
      `standby://${one(['іnvite', 'ınvite', 'ｉｎｖｉｔｅ', 'xn--nvite-3ve', 'invite.', 'INVITE', 'Session'])}/${id()}`,
    () =>
      `standby://${kind()}/${id()}${one(['\u0000', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', '\udfff', '\t', '\n', ' '])}`,
    () => `${one([' ', '\t', '\u0000', '\u202e', '\ufeff'])}${valid()}`,
    () => `standby://${kind()}/${id()}${LINK_ATTACKER_TEXT.repeat(one([1, 20, 20_000]))}`,
    () => `standby://${kind()}/${id()}${one([' ', '" '])}${one(SWITCHES)}`,
    () => `${one(['standby-app', 'standbyx', 'https', 'javascript', 'file', 'data'])}://${kind()}/${id()}`,
  ]
  return Array.from({ length: count }, () => one(makers)())
}

/**
 * A command line around `link`: switches before and after, as any may come; `leaveOut` keeps a
 * switch out (the start's own carry switch, which a test of it covers).
 */
export function argvAround(link: string, seed: number, leaveOut = ''): string[] {
  const random = seededRandom(seed)
  const switches = SWITCHES.filter((flag) => leaveOut === '' || !flag.startsWith(leaveOut))
  const some = (): string[] =>
    Array.from({ length: Math.floor(random() * 3) }, () => switches[Math.floor(random() * switches.length)]!)
  return ['C:\\Program Files\\Standby\\Standby.exe', ...some(), link, ...some()]
}
