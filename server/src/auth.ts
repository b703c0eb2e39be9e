/**
 * Passwords and bearer tokens. Passwords are hashed with scrypt and a per-password salt; tokens are
 * random and stored only as their SHA-256, so a copy of the database cannot be used to sign in.
 */
import type Database from 'better-sqlite3'
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { Listeners, type Unsubscribe } from '../../src/shared/listeners'

const KEY_LENGTH = 64
const SCRYPT_COST = 16_384

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: SCRYPT_COST, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/** Hash a password as "scrypt$<salt>$<key>". */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt)
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`
}

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
const decoyHash = hashPassword('decoy password')

/** True when `password` matches `stored` (or, for a missing account, after the same work: false). */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const [scheme, salt, key] = (stored ?? (await decoyHash)).split('$')
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'))
  return expected.length === actual.length && timingSafeEqual(expected, actual) && stored !== undefined
}

/** The form a token is stored and looked up in: its SHA-256. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The most sign-ins one expert holds at once: enough for every device they use, and a client that
 * signs in again and again (a loop, a script) cannot grow the token table without end.
 */
export const MAX_TOKENS_PER_EXPERT = 20

/**
 * How long a sign-in may go unused before it ends: a token copied off a machine no longer used
 * does not keep working for ever. An app that stays connected, or reconnects now and then, uses
 * its token, so an expert who keeps Standby running is never signed out by it.
 */
export const TOKEN_IDLE_MS = 30 * 24 * 60 * 60_000

/** How stale a token's last use may be before a use is written down: a lookup is not a write. */
const USE_RECORDED_EVERY_MS = 60 * 60_000

/** How a token store is set up; each has a default. */
export interface TokenStoreOptions {
  readonly maxPerExpert?: number
  /** How long a token may go unused before it ends. */
  readonly idleMs?: number
}

/**
 * Issues and checks bearer tokens, and tells its listeners about every token that stops existing
 * (signed out or deleted any other way), so live connections made with it can be cut.
 */
export class TokenStore {
  private readonly listeners = new Listeners<string>()
  private readonly deleted = new Set<string>()

  private readonly maxPerExpert: number
  private readonly idleMs: number

  constructor(
    private readonly db: Database.Database,
    options: TokenStoreOptions = {},
  ) {
    this.maxPerExpert = options.maxPerExpert ?? MAX_TOKENS_PER_EXPERT
    this.idleMs = options.idleMs ?? TOKEN_IDLE_MS
    // A temporary trigger (this connection only, nothing stored in the file) reports every
    // deletion, whichever statement does it. Listeners run after the statement, and only for
    // tokens still gone then: a rolled-back delete cuts nobody.
    db.function('standby_token_deleted', { deterministic: false }, (hash: unknown) => {
      if (typeof hash === 'string' && this.deleted.size === 0) queueMicrotask(() => this.flush())
      if (typeof hash === 'string') this.deleted.add(hash)
      return null
    })
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS standby_tokens_deleted AFTER DELETE ON main.tokens
             BEGIN SELECT standby_token_deleted(OLD.token_hash); END`)
  }

  /** Call `listener` with the digest of every token that stops existing; returns an unsubscribe. */
  onRevoked(listener: (tokenHash: string) => void): Unsubscribe {
    return this.listeners.add(listener)
  }

  private flush(): void {
    const hashes = [...this.deleted]
    this.deleted.clear()
    if (!this.db.open) return
    const exists = this.db.prepare<[string], { n: number }>('SELECT 1 AS n FROM tokens WHERE token_hash = ?')
    for (const hash of hashes) {
      if (exists.get(hash) !== undefined) continue
      this.listeners.emit(hash)
    }
  }

  /**
   * A fresh token for the expert. Past the per-expert cap their oldest sign-in ends (its sockets
   * are cut, as for a sign-out), so the newest device always gets in. Oldest in the order they were
   * issued (a new row's rowid is the largest), not by the wall clock: one set back before a sign-in
   * would make the new token look oldest, and end it as it was handed out.
   */
  issue(expertId: string, now: number): string {
    const token = randomBytes(32).toString('base64url')
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO tokens (token_hash, expert_id, created_at, last_used_at) VALUES (?, ?, ?, ?)')
        .run(tokenDigest(token), expertId, now, now)
      this.db
        .prepare(
          `DELETE FROM tokens WHERE rowid IN (SELECT rowid FROM tokens WHERE expert_id = ?
           ORDER BY rowid DESC LIMIT -1 OFFSET ?)`,
        )
        .run(expertId, this.maxPerExpert)
    })()
    return token
  }

  /**
   * The expert a token belongs to, used at `now`; undefined for a token that is unknown, revoked,
   * or unused for longer than the idle limit (which ends it, as a sign-out would).
   */
  expertFor(token: string, now: number): string | undefined {
    const hash = tokenDigest(token)
    const row = this.db
      .prepare<[string], { expert_id: string; last_used_at: number }>(
        'SELECT expert_id, last_used_at FROM tokens WHERE token_hash = ?',
      )
      .get(hash)
    if (row === undefined) return undefined
    if (now - row.last_used_at > this.idleMs) {
      this.db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(hash)
      return undefined
    }
    if (now - row.last_used_at > USE_RECORDED_EVERY_MS) this.used(hash, now)
    return row.expert_id
  }

  /**
   * Write down that the token with digest `hash` is in use at `now` (a socket open with it), when
   * its last recorded use is older than the granularity kept; a clock set back moves nothing.
   */
  used(hash: string, now: number): void {
    this.db
      .prepare('UPDATE tokens SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?')
      .run(now, hash, now - USE_RECORDED_EVERY_MS)
  }

  /** End every token unused for longer than the idle limit at `now`; their listeners are told. */
  endIdle(now: number): void {
    this.db.prepare('DELETE FROM tokens WHERE last_used_at < ?').run(now - this.idleMs)
  }

  /** True while the token with digest `hash` exists: not revoked, not ended. */
  holds(hash: string): boolean {
    return this.db.prepare('SELECT 1 FROM tokens WHERE token_hash = ?').get(hash) !== undefined
  }

  /** Forget a token; true when it existed. */
  revoke(token: string): boolean {
    return this.db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(tokenDigest(token)).changes > 0
  }
}
