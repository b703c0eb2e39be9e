/**
 * Where a platform answers when the address typed carries a path it is not served under: the
 * address copied from a page of the platform ("…/dashboard"), or one with a path added by habit.
 * Told only "not a Standby platform, check the address", the expert could not see which part of it
 * was wrong; asked once more at the address without its path, the answer names the one to use.
 */
import { HTTP_PATHS, PlatformInfo } from '../../../shared/protocol'
import { readCappedJson } from './capped-json'

/** The platform's info is a few hundred bytes; more is no platform's, and is not read. */
const INFO_MAX_BYTES = 64 * 1024

/**
 * The address without its path, when `platformUrl` has one and a Standby platform answers there
 * within `timeoutMs`; null otherwise, or when asking fails in any way (it is only a suggestion).
 */
export async function platformAtRoot(
  platformUrl: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<string | null> {
  const url = URL.parse(platformUrl)
  if (url === null || url.pathname === '/' || url.pathname === '') return null
  try {
    const res = await fetchImpl(`${url.origin}${HTTP_PATHS.info}`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    })
    const read = await readCappedJson(res, INFO_MAX_BYTES)
    const answered = res.ok && read.kind === 'json' && PlatformInfo.safeParse(read.value).success
    return answered ? url.origin : null
  } catch {
    return null
  }
}
