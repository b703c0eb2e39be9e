/**
 * The platform `npm start` was pointed at (STANDBY_PLATFORM_URL or --platform-url), checked before
 * anything is built. An address sign-in would refuse stops the start with the reason: run on, the
 * app would only leave it out of the sign-in form with a log line that names no variable. One that
 * does not answer as a Standby platform is said in one line, and the start goes on, as the
 * platform may simply not be up yet.
 */
import { describeFetchFailure } from '../src/main/core/connection/network-failure'
import { readCappedJson } from '../src/main/core/auth/capped-json'
import { HTTP_PATHS, PlatformInfo } from '../src/shared/protocol/http'
import { checkPlatformUrl } from '../src/shared/platform-url'

/** Where the platform comes from: the embedded one, a named one, or a name that cannot be used. */
export type ConfiguredPlatform =
  | { readonly kind: 'embedded' }
  | { readonly kind: 'named'; readonly url: string }
  | { readonly kind: 'refused'; readonly line: string }

/** How long the start waits for the named platform's info. */
export const PROBE_TIMEOUT_MS = 3_000
/** A platform's info is a few dozen bytes: a wrong address is not read past this. */
const INFO_MAX_BYTES = 64 * 1024

/** What `source` (the variable or option, for the line) names, as the app would use it. */
export function configuredPlatform(raw: string | undefined, source: string): ConfiguredPlatform {
  if (raw === undefined || raw.trim() === '') return { kind: 'embedded' }
  const checked = checkPlatformUrl(raw)
  if (checked.ok) return { kind: 'named', url: checked.url }
  return {
    kind: 'refused',
    line: `${source} cannot be used: ${checked.message} Set it to the platform's address, or unset it to run the embedded reference platform.`,
  }
}

/** Null when a Standby platform answers at `url`, else the line that says what was found instead. */
export async function probePlatform(
  url: string,
  source: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  const remedy = `Start it (\`npm run server -- --seed\`) or unset ${source} to run the embedded platform; Standby starts anyway.`
  // Whether the answer began (its status and headers came): a time that runs out after that is an
  // answer too slow to finish, from something that is there, not an address nothing answers at.
  let answered = false
  try {
    const res = await fetchImpl(`${url}${HTTP_PATHS.info}`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      redirect: 'manual',
    })
    answered = true
    const read = await readCappedJson(res, INFO_MAX_BYTES)
    if (read.kind === 'json' && PlatformInfo.safeParse(read.value).success) return null
    return `${url} (from ${source}) answered, but not as a Standby platform (HTTP ${res.status}). ${remedy}`
  } catch (error) {
    if (answered && (error as Error | null)?.name === 'TimeoutError')
      return `${url} (from ${source}) began to answer, but its answer did not all arrive within ${PROBE_TIMEOUT_MS / 1000} s: what answers there may not be a Standby platform. ${remedy}`
    if (answered)
      return `${url} (from ${source}) began to answer, but the connection broke before its answer was complete. ${remedy}`
    const failure = describeFetchFailure(error, PROBE_TIMEOUT_MS)
    // Something that answered (another protocol, plain http, a certificate) is there all the same.
    return failure.answered === true
      ? `${url} (from ${source}) answered, but Standby could not connect to it: ${failure.what}. ${remedy}`
      : `Nothing answers at ${url} (from ${source}): ${failure.what}. ${remedy}`
  }
}

/**
 * What `npm start` says when the embedded platform cannot have its usual port: most often a platform
 * from `npm run server` holds it, which the expert may have meant to use.
 */
export function embeddedPortTaken(port: number): string {
  return (
    `Port ${port} is taken (by \`npm run server\`? \`STANDBY_PLATFORM_URL=http://127.0.0.1:${port} npm start\` ` +
    'uses that platform), so the embedded platform runs on a free port.'
  )
}
