/**
 * The app's versions as electron-builder writes them (`1.4.0`, `1.5.0-beta.2`): the updater's
 * feed, the platform's minimum supported version and the Settings view all compare them here.
 */

/**
 * A version as the app and its update feed spell it: major.minor.patch, an optional pre-release
 * and optional build metadata (`1.5.0-beta.2+ci.7`), each number at most 16 digits, as
 * electron-updater's semver reads them (a release numbered by date and time fits).
 */
export const APP_VERSION_PATTERN =
  /^(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})(?:-([0-9A-Za-z.-]{1,64}))?(?:\+[0-9A-Za-z.-]{1,64})?$/

/** The parts of a version, or null when it is not one. */
export interface AppVersion {
  /** Major, minor and patch, as their digits: compared by value without rounding (numericOrder). */
  readonly core: readonly [string, string, string]
  /** The dot-separated pre-release identifiers (`beta`, `2`); empty for a release. */
  readonly pre: ReadonlyArray<string>
}

/** Parse a version; null for anything else. */
export function parseAppVersion(text: string): AppVersion | null {
  const match = APP_VERSION_PATTERN.exec(text)
  if (match === null) return null
  return {
    core: [match[1]!, match[2]!, match[3]!],
    pre: match[4] === undefined ? [] : match[4].split('.'),
  }
}

/**
 * Negative when `a` comes before `b`, positive after, zero when equal, by semantic-versioning
 * precedence: a pre-release comes before its release, and build metadata counts for nothing (a
 * build of the same version is no update). Text that is no version sorts first, so a garbled
 * version is never taken for a newer one.
 */
export function compareAppVersions(a: string, b: string): number {
  const left = parseAppVersion(a)
  const right = parseAppVersion(b)
  if (left === null || right === null) return (left === null ? 0 : 1) - (right === null ? 0 : 1)
  for (let i = 0; i < 3; i++) {
    const order = numericOrder(left.core[i]!, right.core[i]!)
    if (order !== 0) return order
  }
  if (left.pre.length === 0 || right.pre.length === 0) {
    return Math.sign(right.pre.length) - Math.sign(left.pre.length)
  }
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i++) {
    const x = left.pre[i]
    const y = right.pre[i]
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1
    if (x === y) continue
    const numeric = /^\d+$/
    if (numeric.test(x) && numeric.test(y)) return numericOrder(x, y)
    if (numeric.test(x) !== numeric.test(y)) return numeric.test(x) ? -1 : 1
    return x < y ? -1 : 1
  }
  return 0
}

/** Whether a version is a pre-release (a beta build). */
export function isPrerelease(version: string): boolean {
  return (parseAppVersion(version)?.pre.length ?? 0) > 0
}

/**
 * The order of two runs of digits by their value. Compared as text, length first: a number past
 * what a double holds exactly would round, and two different versions would compare equal.
 */
function numericOrder(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '')
  const b = y.replace(/^0+(?=\d)/, '')
  if (a.length !== b.length) return Math.sign(a.length - b.length)
  return a === b ? 0 : a < b ? -1 : 1
}
