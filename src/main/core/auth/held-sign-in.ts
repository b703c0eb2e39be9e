/**
 * Who is signed in now, and while no one is, why the last sign-in ended without the expert asking
 * (the platform refused it, or the saved one could not be used at start), for the sign-in form.
 */
import type { ConnectionState } from '../../../shared/connection-state'
import type { StoredSignIn } from '../ports/secrets'

/** The sign-in the core holds. */
export class HeldSignIn {
  /** The sign-in in use; null for no one. */
  current: StoredSignIn | null = null
  /** Why the platform last refused the sign-in, or the saved one could not be used: shown until the next sign-in or sign-out. */
  private refusedBecause: string | null = null

  /** The signed-in expert's platform, or null. */
  get platformUrl(): string | null {
    return this.current?.platformUrl ?? null
  }

  /** Who is signed in (platform and expert), or null. */
  get who(): string | null {
    return this.current === null ? null : `${this.current.expertId} on ${this.current.platformUrl}`
  }

  /** From now on `signIn` is in use (null: no one); a refusal shown till now is forgotten. */
  become(signIn: StoredSignIn | null): void {
    this.current = signIn
    this.refusedBecause = null
  }

  /** The sign-in ended for `reason` (null: none to tell); the sign-in form says it. */
  refused(reason: string | null): void {
    this.current = null
    this.refusedBecause = reason
  }

  /** `computed` as the expert is shown it: signed out says why, when a refusal is held. */
  shown(computed: ConnectionState): ConnectionState {
    const reason = this.refusedBecause
    return computed.status === 'signed_out' && computed.reason === null && reason !== null
      ? { status: 'signed_out', reason }
      : computed
  }
}
