/**
 * Sign-ins given up here (signed out, replaced by another, refused for another expert's data)
 * whose revocation the platform has not confirmed. Tried once, a revocation made offline left the
 * token valid on the platform until its idle sweep, usable by whoever copied it; each is now kept
 * (as safely as the sign-in, through the secrets port) and asked again whenever the link connects,
 * until the platform answers it. Log lines name the platform, never the token.
 */
import type { Logger } from '../ports/logger'
import type { Secrets, StoredSignIn } from '../ports/secrets'
import { revokeSignIn } from './stored-sign-in'

/** How many revocations are kept waiting; past it, the one kept longest is let go. */
export const MOST_OWED = 8

/** How many times one run asks again for one revocation the platform keeps refusing as busy. */
export const MOST_TRIES_PER_RUN = 5

/** What the owed revocations need. */
export interface OwedRevocationDeps {
  readonly log: Logger
  readonly fetch?: typeof fetch
  readonly secrets: Pick<Secrets, 'loadOwed' | 'saveOwed'>
  /**
   * The sign-in in use, if any: a platform may hand the same token out again (a sign-in after an
   * offline sign-out, a restore), and revoking it then would sign the expert out.
   */
  readonly inUse?: () => StoredSignIn | null
}

/** The revocations owed to the platform, asked again when the link connects. */
export class OwedRevocations {
  /** Undefined until read from the store (the first revocation or connection reads it). */
  private owed: StoredSignIn[] | undefined
  private loading: Promise<void> | undefined
  private readonly tries = new Map<string, number>()
  private retrying: Promise<void> | undefined
  private saving: Promise<void> = Promise.resolve()

  constructor(private readonly deps: OwedRevocationDeps) {}

  /**
   * Ask the platform to revoke `signIn` now, and again later should it not be reached. Kept as owed
   * before it is asked: a quit does not wait for the answer, and a process ended mid-request would
   * otherwise leave the token valid on the platform and known to no one.
   */
  async revoke(signIn: StoredSignIn): Promise<void> {
    await this.change((owed) => [...owed.filter((kept) => kept.token !== signIn.token), signIn])
    if ((await revokeSignIn(this.deps, signIn)) === 'done')
      await this.change((owed) => owed.filter((kept) => kept.token !== signIn.token))
  }

  /** The link connected: the platform can be reached, so every revocation owed is asked again. */
  connected(): Promise<void> {
    this.retrying ??= this.askAgain().finally(() => (this.retrying = undefined))
    return this.retrying
  }

  private async askAgain(): Promise<void> {
    await this.load()
    const revoked = new Set<string>()
    // A platform that keeps saying it is busy is not pressed at every connection of this run.
    const asked = (this.owed ?? []).filter(
      (signIn) => (this.tries.get(signIn.token) ?? 0) < MOST_TRIES_PER_RUN,
    )
    for (const signIn of asked) {
      // The sign-in in use again: its own sign-out revokes it, none owed from before may.
      if (isInUse(signIn, this.deps.inUse?.() ?? null)) {
        revoked.add(signIn.token)
        continue
      }
      const tries = (this.tries.get(signIn.token) ?? 0) + 1
      this.tries.set(signIn.token, tries)
      if ((await revokeSignIn(this.deps, signIn)) === 'done') revoked.add(signIn.token)
      else if (tries === MOST_TRIES_PER_RUN)
        this.deps.log.warn(
          `Standby stopped asking ${signIn.platformUrl} to revoke a sign-in for this run; it asks again after a restart.`,
        )
    }
    if (revoked.size > 0) await this.change((owed) => owed.filter((kept) => !revoked.has(kept.token)))
  }

  private load(): Promise<void> {
    this.loading ??= (this.deps.secrets.loadOwed?.() ?? Promise.resolve([])).then(
      (kept) => void (this.owed ??= [...kept]),
      (error: unknown) => {
        this.deps.log.error('The sign-ins waiting to be revoked could not be read', error)
        this.owed ??= []
      },
    )
    return this.loading
  }

  /** Changes the list as `edit` says, keeps the newest within the bound, and stores it in turn. */
  private async change(edit: (owed: readonly StoredSignIn[]) => StoredSignIn[]): Promise<void> {
    await this.load()
    const edited = edit(this.owed ?? [])
    for (const dropped of edited.slice(0, Math.max(0, edited.length - MOST_OWED)))
      this.deps.log.warn(
        `A sign-in on ${dropped.platformUrl} was let go without being revoked: more wait for revocation than Standby keeps.`,
      )
    const owed = (this.owed = edited.slice(-MOST_OWED))
    const save = this.deps.secrets.saveOwed
    if (save === undefined) return
    this.saving = this.saving.then(() =>
      save(owed).catch((error: unknown) =>
        this.deps.log.error('The sign-ins waiting to be revoked could not be kept for the next start', error),
      ),
    )
    await this.saving
  }
}

/** Whether `owed` is the sign-in in use: the same token from the same platform. */
function isInUse(owed: StoredSignIn, inUse: StoredSignIn | null): boolean {
  return inUse !== null && inUse.token === owed.token && inUse.platformUrl === owed.platformUrl
}
