/**
 * Backoff for failed sign-ins, by account and by address. Only failures count, so a correct
 * password after a few typos still works; past the free allowance each failure doubles the wait,
 * and an attempt during a wait is refused before any password work, so an attack costs the
 * platform almost nothing and other sign-ins stay quick.
 */
import { steadyNow, type Clock } from '../../src/shared/clock'

/** How many failed sign-ins are free, and how the wait grows after them. */
export interface SignInLimits {
  /** Failed sign-ins to one account (from anywhere) before it must wait. */
  readonly accountFreeFailures: number
  /** Failed sign-ins from one address (to any account) before it must wait. */
  readonly addressFreeFailures: number
  /** The first wait; each further failure doubles it. */
  readonly firstDelayMs: number
  /** The longest wait. */
  readonly maxDelayMs: number
  /** A record with no failure for this long, and no wait running, is forgotten. */
  readonly forgetAfterMs: number
  /** The most accounts or addresses remembered at once (the oldest are forgotten first). */
  readonly maxEntries: number
}

/** Generous for a person mistyping, ruinous for guessing. */
export const defaultSignInLimits: SignInLimits = {
  accountFreeFailures: 5,
  addressFreeFailures: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxEntries: 10_000,
}

interface Entry {
  failures: number
  inFlight: number
  lastFailureAt: number
  lockedUntil: number
}

/** Which limit refused an attempt. */
export type SignInScope = 'account' | 'address'

/** A wait that a failed sign-in started. */
export interface BackoffStarted {
  readonly scope: SignInScope
  readonly waitMs: number
}

/** The outcome of asking to try a sign-in. */
export type SignInPermit =
  | {
      readonly allowed: true
      /** Report how the attempt went; returns the waits it started. */
      settle(ok: boolean): ReadonlyArray<BackoffStarted>
      /** The password was never checked (the platform was busy): no failure, and no success. */
      withdraw(): void
    }
  | { readonly allowed: false; readonly scope: SignInScope; readonly retryAfterMs: number }

class Ledger {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly freeFailures: number,
    private readonly limits: SignInLimits,
  ) {}

  /** How long `key` must still wait (0 when it may try now). */
  waitFor(key: string, now: number): number {
    const entry = this.entry(key, now)
    if (entry === undefined) return 0
    if (now < entry.lockedUntil) return entry.lockedUntil - now
    // Past the free allowance, one attempt at a time: parallel guesses would each be free.
    const spent = entry.failures + entry.inFlight
    return spent < this.freeFailures || entry.inFlight === 0 ? 0 : this.limits.firstDelayMs
  }

  begin(key: string, now: number): void {
    const entry = this.entry(key, now) ?? { failures: 0, inFlight: 0, lastFailureAt: now, lockedUntil: 0 }
    entry.inFlight += 1
    this.put(key, entry, now)
  }

  /** Returns the wait this failure started, or 0. */
  end(key: string, now: number, outcome: 'failed' | 'succeeded' | 'neutral'): number {
    const entry = this.entries.get(key)
    if (entry === undefined) return 0
    entry.inFlight = Math.max(0, entry.inFlight - 1)
    if (outcome === 'succeeded') entry.failures = 0
    if (outcome !== 'failed') return 0
    entry.failures += 1
    entry.lastFailureAt = now
    const over = entry.failures - this.freeFailures
    if (over < 0) return 0
    const waitMs = Math.min(this.limits.maxDelayMs, this.limits.firstDelayMs * 2 ** Math.min(over, 30))
    entry.lockedUntil = now + waitMs
    return waitMs
  }

  private entry(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    const stale =
      entry.inFlight === 0 &&
      now >= entry.lockedUntil &&
      now - entry.lastFailureAt > this.limits.forgetAfterMs
    if (!stale) return entry
    this.entries.delete(key)
    return undefined
  }

  private put(key: string, entry: Entry, now: number): void {
    // Re-inserting keeps the Map in order of last use, so the oldest is the first key.
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (this.entries.size <= this.limits.maxEntries) return
    // The oldest record with no wait running and no attempt in flight goes first: a spray of
    // fresh names must not lift a running wait (or lose a failure still being checked).
    let victim: string | undefined
    for (const [k, e] of this.entries) {
      if (e.inFlight === 0 && now >= e.lockedUntil) {
        victim = k
        break
      }
    }
    victim ??= this.entries.keys().next().value
    if (victim !== undefined) this.entries.delete(victim)
  }
}

/** The platform's sign-in backoff. */
export class SignInLimiter {
  private readonly accounts: Ledger
  private readonly addresses: Ledger

  constructor(
    limits: SignInLimits,
    private readonly clock: Clock,
  ) {
    this.accounts = new Ledger(limits.accountFreeFailures, limits)
    this.addresses = new Ledger(limits.addressFreeFailures, limits)
  }

  /** Ask to check a password for `email` from `address`. */
  attempt(email: string, address: string): SignInPermit {
    // Waits are durations: on the steady clock, so a wall clock set back an hour does not lock an
    // account for that hour (nor one set forward end a wait early).
    const now = steadyNow(this.clock)
    const account = email.trim().toLowerCase()
    const accountWait = this.accounts.waitFor(account, now)
    const addressWait = this.addresses.waitFor(address, now)
    if (accountWait > 0 || addressWait > 0) {
      const scope: SignInScope = accountWait >= addressWait ? 'account' : 'address'
      return { allowed: false, scope, retryAfterMs: Math.max(accountWait, addressWait) }
    }
    this.accounts.begin(account, now)
    this.addresses.begin(address, now)
    let settled = false
    return {
      allowed: true,
      settle: (ok) => {
        if (settled) return []
        settled = true
        const at = steadyNow(this.clock)
        const waits = [
          { scope: 'account' as const, waitMs: this.accounts.end(account, at, ok ? 'succeeded' : 'failed') },
          // A success does not clear the address: one good account must not launder guesses at others.
          { scope: 'address' as const, waitMs: this.addresses.end(address, at, ok ? 'neutral' : 'failed') },
        ]
        return waits.filter((w) => w.waitMs > 0)
      },
      withdraw: () => {
        if (settled) return
        settled = true
        const at = steadyNow(this.clock)
        this.accounts.end(account, at, 'neutral')
        this.addresses.end(address, at, 'neutral')
      },
    }
  }
}
