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
 * The nearest address with `platformUrl`'s path cut back where a Standby platform answers, all of
 * them asked within `timeoutMs` together; null when it has no path, or none of those asked answers
 * as one (it is only a suggestion: a failure to ask is no answer).
 */
export async function platformAtShorterPath(
  platformUrl: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<string | null> {
  const url = URL.parse(platformUrl)
  if (url === null) return null
  const signal = AbortSignal.timeout(timeoutMs)
  for (const address of shorterAddresses(url))
    if (await answersAsPlatform(address, signal, fetchImpl)) return address
  return null
}
