/**
 * Where a platform answers when the address typed carries more path than it is served under: the
 * address copied from a page of the platform ("…/dashboard"), or one with a path added by habit.
 * Told only "not a Standby platform, check the address", the expert could not see which part of it
 * was wrong; asked again at the address with its path cut back, the answer names the one to use.
 */
import { z } from 'zod'
import { HTTP_PATHS, PlatformInfo } from '../../../shared/protocol'
import { readCappedJson } from './capped-json'

/**
 * A platform's info whatever its clock reads: a platform with a wrong clock is still the platform
 * at that address, so told apart from another server here, and its clock told of where it is used.
 */
export const PlatformInfoAnyClock = PlatformInfo.extend({ serverTime: z.number() })

/** The platform's info is a few hundred bytes; more is no platform's, and is not read. */
const INFO_MAX_BYTES = 64 * 1024

/** The shorter addresses asked at most: a long path is not walked back one request per segment. */
const MOST_ASKED = 3

/**
 * The addresses `url` names with its path cut back a segment at a time, nearest first and the
 * root last; none when it has no path.
 */
function shorterAddresses(url: URL): string[] {
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const shorter: string[] = []
  for (let kept = segments.length - 1; kept >= 0; kept--)
    shorter.push(
      `${url.origin}${segments
        .slice(0, kept)
        .map((s) => `/${s}`)
        .join('')}`,
    )
  // The root is where a platform is most often served: asked whatever the path's length.
  return shorter.length <= MOST_ASKED ? shorter : [...shorter.slice(0, MOST_ASKED - 1), url.origin]
}

/** Whether a Standby platform answers at `address` before `signal` ends the asking; false on any failure. */
async function answersAsPlatform(
  address: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
): Promise<boolean> {
  try {
    const res = await fetchImpl(`${address}${HTTP_PATHS.info}`, { signal, redirect: 'manual' })
    const read = await readCappedJson(res, INFO_MAX_BYTES)
    return res.ok && read.kind === 'json' && PlatformInfoAnyClock.safeParse(read.value).success
  } catch {
    return false
  }
}

/**
 * The least the shorter addresses are waited for, however long the typed address took: a server
 * that answers slowly still gets a chance to name where its platform is.
 */
export const SHORTER_PATH_FLOOR_MS = 4_000

/**
 * How long the shorter addresses are waited for once the typed address took `elapsedMs` to answer:
 * what is left of the check's `timeoutMs`, so the expert hears within one check's time, and never
 * less than the floor.
 */
export function shorterPathWaitMs(timeoutMs: number, elapsedMs: number): number {
  return Math.max(timeoutMs - elapsedMs, SHORTER_PATH_FLOOR_MS)
}

/**
 * The address with `platformUrl`'s path cut back where a Standby platform answers, all of them
 * asked at once (one slow to answer does not use up the others' time) and waited for `waitMs`;
 * null when it has no path, or none answers as one in time (it is only a suggestion: a failure to
 * ask is no answer). Two platforms along one path are not a setup anyone serves, so the first to
 * answer is named, and the asks still open are closed.
 */
export async function platformAtShorterPath(
  platformUrl: string,
  waitMs: number,
  fetchImpl: typeof fetch,
): Promise<string | null> {
  const url = URL.parse(platformUrl)
  if (url === null) return null
  const addresses = shorterAddresses(url)
  if (addresses.length === 0) return null
  const asking = new AbortController()
  // A timer of its own, not AbortSignal.timeout: the asks end with the verdict, and the timer too.
  const timer = setTimeout(() => asking.abort(new DOMException('timed out', 'TimeoutError')), waitMs)
  try {
    return await new Promise<string | null>((resolve) => {
      let open = addresses.length
      for (const address of addresses)
        void answersAsPlatform(address, asking.signal, fetchImpl).then((answers) => {
          open--
          if (answers) resolve(address)
          else if (open === 0) resolve(null)
        })
    })
  } finally {
    clearTimeout(timer)
    asking.abort(new DOMException('answered', 'AbortError'))
  }
}
