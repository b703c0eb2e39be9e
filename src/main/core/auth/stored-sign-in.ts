/**
 * Keeping, forgetting and revoking the sign-in: what happens to the token beyond the link that
 * uses it, and what the expert is told when the keychain or the disk will not do it.
 */
import { HTTP_PATHS } from '../../../shared/protocol'
import { errorMessage } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { Secrets, StoredSignIn } from '../ports/secrets'
import { discardBody } from './capped-json'

/** What keeping and forgetting the sign-in need. */
export interface SignInKeeping {
  readonly secrets: Secrets
  readonly notifier: Notifier
  readonly log: Logger
}

/**
 * Store the sign-in for the next start. A store that cannot be written (a full disk, a read-only
 * profile, a keychain that refuses) does not undo a sign-in that worked: it holds for this run,
 * and the expert is told they will sign in again after a restart (the one saved before is removed,
 * so that is what the restart does).
 */
export async function keepSignIn(deps: SignInKeeping, signedIn: StoredSignIn): Promise<void> {
  try {
    await deps.secrets.save(signedIn)
  } catch (error) {
    deps.log.error('The sign-in could not be saved; it holds until Standby quits', error)
    // What was saved before is a sign-in this one replaced, revoked on the platform: left, the
    // next start would resume it (another expert's, or a dead token) instead of asking.
    await deps.secrets
      .clear()
      .catch((cleared: unknown) =>
        deps.log.error(
          'The sign-in saved before could not be removed either; the next start tries it',
          cleared,
        ),
      )
    deps.notifier.show({
      kind: 'notice',
      title: 'Signed in until Standby quits',
      body: `Standby could not save your sign-in (${errorMessage(error)}), so you will sign in again after it restarts. Free some disk space or check your keychain, then sign in again to keep it.`,
    })
  }
}

/** The notice that the saved sign-in could not be removed, withdrawn once a later sign-out removes it. */
export const SIGN_IN_LEFT_NOTICE_ID = 'sign-in-left-behind'

/**
 * Remove the stored sign-in. If it cannot be removed, sign-out still goes on: the token is
 * revoked on the platform right after, so what is left on disk no longer signs anyone in.
 * Says whether it was removed. `toldAlready`: the last try failed and its notice is up, so a
 * failure again is only logged (a sign-out asked in a loop pops up nothing new).
 */
export async function forgetSignIn(deps: SignInKeeping, toldAlready = false): Promise<boolean> {
  try {
    await deps.secrets.clear()
    return true
  } catch (error) {
    deps.log.error('The saved sign-in could not be removed; the platform is asked to revoke it', error)
    if (!toldAlready)
      deps.notifier.show({
        kind: 'notice',
        title: 'Signed out, but the saved sign-in is still on this computer',
        noticeId: SIGN_IN_LEFT_NOTICE_ID,
        body: `Standby could not remove it (${errorMessage(error)}). It no longer works once the platform has revoked it; if Standby was offline, sign in and out again once it is back.`,
      })
    return false
  }
}

/** How a revocation ended: the token is no longer valid (or never will be by asking), or it may be worth asking again. */
export type RevocationOutcome = 'done' | 'again'

/**
 * Ask the platform to revoke the token (best effort: signing out here never waits on it for long).
 * 'again' when the platform could not be reached or was too busy to answer it (owed-revocations.ts
 * asks again once the link is back).
 */
export async function revokeSignIn(
  deps: { readonly log: Logger; readonly fetch?: typeof fetch },
  signedIn: StoredSignIn,
): Promise<RevocationOutcome> {
  return (deps.fetch ?? fetch)(`${signedIn.platformUrl}${HTTP_PATHS.signOut}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${signedIn.token}` },
    signal: AbortSignal.timeout(5_000),
    // The token goes to the platform signed in to, never on to wherever it points.
    redirect: 'manual',
  })
    .then(async (res): Promise<RevocationOutcome> => {
      const busy = res.status >= 500 || res.status === 408 || res.status === 429
      if (!res.ok && res.status !== 401)
        deps.log.warn(
          busy
            ? `The platform did not revoke the sign-in (it answered with status ${res.status}); it was forgotten here, and Standby asks again once it is connected.`
            : `The platform did not revoke the sign-in (it answered with status ${res.status}); it was forgotten here but may still be valid on the platform.`,
        )
      await discardBody(res)
      return busy ? 'again' : 'done'
    })
    .catch((): RevocationOutcome => {
      deps.log.warn(
        'Could not reach the platform to revoke the sign-in; it was forgotten here, and Standby asks again once it is connected.',
      )
      return 'again'
    })
}
