/**
 * The stored sign-in as text, for both Secrets adapters (a 0600 file in Node, a safeStorage
 * blob in Electron). Decoding never echoes the input: a parse error message could quote the token.
 */
import { rm, type FileHandle } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { z } from 'zod'
import type { Logger } from '../core/ports/logger'
import { errorCode, PRIVATE_FILE_MODE } from './atomic-file'
import type { StoredSignIn } from '../core/ports/secrets'
import { checkPlatformUrl, isAllowedPlatformUrl } from '../../shared/platform-url'
import { Id, SignInToken } from '../../shared/protocol'

/** A stored sign-in as it must look on disk. */
export const StoredSignInSchema = z.object({
  // A file edited to point at another computer over plain http would send the token in clear; one
  // edited with a query or a fragment is read as sign-in would have stored it, since requests are
  // made by adding a path to it (a sign-out revoking nothing, a sign-in taken for another platform's).
  platformUrl: z
    .url({ protocol: /^https?$/ })
    .refine(isAllowedPlatformUrl)
    .transform((url) => {
      const checked = checkPlatformUrl(url)
      return checked.ok ? checked.url : url
    }),
  // Whatever the file holds, only a token a request can carry and an id the cache can look up.
  token: SignInToken,
  expertId: Id,
}) satisfies z.ZodType<StoredSignIn>

/** The text stored for `signIn`; throws (without the token) when it is not a valid sign-in. */
export function encodeSignIn(signIn: StoredSignIn): string {
  const parsed = StoredSignInSchema.safeParse(signIn)
  if (!parsed.success)
    throw new Error(`Refused to store an invalid sign-in (${describeIssues(parsed.error)})`)
  return JSON.stringify(parsed.data)
}

/** The sign-in in `text`, or why it could not be read, in words that never include the input. */
export function decodeSignIn(
  text: string,
): { readonly ok: true; readonly signIn: StoredSignIn } | { readonly ok: false; readonly reason: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'it is not valid JSON' }
  }
  const parsed = StoredSignInSchema.safeParse(json)
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) }
  return { ok: true, signIn: parsed.data }
}

/** Which fields are wrong, by name only. */
function describeIssues(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(the whole object)'))]
  return `missing or invalid: ${fields.join(', ')}`
}

/**
 * What a failed read of the saved sign-in's file says of what is at the path: never a sign-in (a
 * folder, a device, a file too large, a loop of links), or nothing about it at all (too many
 * files open, a disk error, an antivirus or another program holding it, a permission).
 */
export const NEVER_A_SIGN_IN: ReadonlySet<string> = new Set(['ENOTREGULAR', 'EFBIG', 'EISDIR', 'ELOOP'])

/**
 * After the saved sign-in's file at `path` (named `what` in the log) could not be read with
 * `error`: null when there is none, otherwise what to tell the expert. A file that is not a
 * sign-in is removed (removeUnusableSignIn); one that only could not be read this time is kept,
 * as the next start may well read it, and removing it would make the expert sign in again for
 * the computer's passing trouble.
 */
export async function signInUnread(
  path: string,
  what: string,
  log: Pick<Logger, 'warn'>,
  error: unknown,
): Promise<string | null> {
  const code = errorCode(error)
  if (code === 'ENOENT') return null
  const shown = code ?? 'unknown error'
  if (code !== undefined && NEVER_A_SIGN_IN.has(code)) {
    log.warn(`Could not read ${what} (${shown}); removed it, sign in again`)
    return removeUnusableSignIn(path, log, `its file could not be read: ${shown}`)
  }
  log.warn(`Could not read ${what} (${shown}); kept it, to be read again at the next start`)
  return `Your saved sign-in is kept, but Standby could not read it (${shown}). Restart Standby to try again, or sign in again.`
}

/**
 * Removes a saved sign-in that cannot be used (`why`, in words that never include its content) and
 * returns what to tell the expert. One that cannot be removed either (a read-only profile) is
 * logged, not thrown: it is not used whatever happens, and a throw would stop the start.
 */
export async function removeUnusableSignIn(
  path: string,
  log: Pick<Logger, 'warn'>,
  why: string,
): Promise<string> {
  try {
    await rm(path, { force: true })
    return `Standby could not use your saved sign-in (${why}) and removed it. Sign in again.`
  } catch (error) {
    const code = errorCode(error) ?? 'unknown error'
    log.warn(`The unusable sign-in ${path} could not be removed (${code}); it is ignored, sign in again`)
    return `Standby could not use your saved sign-in (${why}), nor remove it (${code}); it is ignored. Sign in again.`
  }
}

/**
 * A check for readBoundedFile that narrows a file holding tokens in the clear (`what`, as the log
 * names it) to its owner when others could read it. Only a regular file reaches it: chmod through
 * a link to a device would change the device's.
 */
export function narrowedToOwner(
  what: string,
  log: Pick<Logger, 'warn'>,
): (handle: FileHandle, stats: Stats) => Promise<void> {
  return async (handle, { mode }) => {
    if ((mode & 0o077) === 0) return
    await handle.chmod(PRIVATE_FILE_MODE)
    log.warn(
      `${what} was readable by others (mode ${(mode & 0o777).toString(8)}); restricted it to you (600)`,
    )
  }
}
