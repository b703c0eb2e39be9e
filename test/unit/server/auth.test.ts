import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import {
  hashPassword,
  MAX_TOKENS_PER_EXPERT,
  TOKEN_IDLE_MS,
  tokenDigest,
  TokenStore,
  verifyPassword,
} from '../../../server/src/auth'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'

describe('passwords', () => {
  it('verifies the right password against a salted scrypt hash and refuses others', async () => {
    const hash = await hashPassword('s3cret')
    expect(hash).toMatch(/^scrypt\$/)
    expect(hash).not.toContain('s3cret')
    expect(await hashPassword('s3cret')).not.toBe(hash)
    expect(await verifyPassword('s3cret', hash)).toBe(true)
    expect(await verifyPassword('S3cret', hash)).toBe(false)
    expect(await verifyPassword('s3cret', undefined)).toBe(false)
    expect(await verifyPassword('s3cret', 'plain-text')).toBe(false)
  })
})

// A platform database with one expert, 'e', and its token store.
function tokenStore(): { db: Database.Database; tokens: TokenStore } {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '' })
  db.prepare(
    `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags) VALUES ('e', 'E', 'e@x.test', 'h', 'UTC', 'online', '[]')`,
  ).run()
  return { db, tokens: new TokenStore(db) }
}

describe('tokens', () => {
  it('are stored only as digests and stop working once revoked', () => {
    const { db, tokens } = tokenStore()
    const token = tokens.issue('e', 0)
    expect(tokens.expertFor(token, 0)).toBe('e')
    const stored = db.prepare('SELECT token_hash FROM tokens').get() as { token_hash: string }
    expect(stored.token_hash).not.toBe(token)
    expect(tokens.revoke(token)).toBe(true)
    expect(tokens.expertFor(token, 0)).toBeUndefined()
  })

  it('tell every listener of a revoked token even when one of them fails', async () => {
    const { tokens } = tokenStore()
    const token = tokens.issue('e', 0)
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    tokens.onRevoked(() => {
      throw new Error('socket already gone')
    })
    const heard = new Promise<string>((resolve) => tokens.onRevoked(resolve))
    tokens.revoke(token)
    expect(await heard).toMatch(/^[0-9a-f]{64}$/)
    expect(logged).toHaveBeenCalledOnce()
    logged.mockRestore()
  })

  it('keep only the newest sign-ins of an expert who signs in again and again, and end the oldest', async () => {
    const { db, tokens } = tokenStore()
    const ended: string[] = []
    tokens.onRevoked((hash) => ended.push(hash))
    const issued = Array.from({ length: MAX_TOKENS_PER_EXPERT + 5 }, (_, i) => tokens.issue('e', i))
    const count = db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }
    expect(count.n).toBe(MAX_TOKENS_PER_EXPERT)
    expect(issued.slice(0, 5).map((t) => tokens.expertFor(t, 0))).toEqual(Array(5).fill(undefined))
    expect(issued.slice(5).every((t) => tokens.expertFor(t, 0) === 'e')).toBe(true)
    // The ended sign-ins are announced, so their live sockets are cut like a sign-out's.
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(ended).toHaveLength(5)
  })

  it('keep the newest sign-in at the cap even when the clock was set back before it', () => {
    const { tokens } = tokenStore()
    const hour = 60 * 60_000
    const earlier = Array.from({ length: MAX_TOKENS_PER_EXPERT }, (_, i) => tokens.issue('e', 10 * hour + i))
    // The wall clock goes back an hour (by hand, or NTP correcting it); the expert signs in again.
    const newest = tokens.issue('e', 9 * hour)
    expect(tokens.expertFor(newest, 9 * hour)).toBe('e')
    expect(tokens.expertFor(earlier[0]!, 10 * hour)).toBeUndefined()
    expect(tokens.expertFor(earlier[1]!, 10 * hour)).toBe('e')
  })

  it('end once unused for longer than the idle limit, as a sign-out does, while each use keeps one going', async () => {
    const { tokens } = tokenStore()
    const ended: string[] = []
    tokens.onRevoked((hash) => ended.push(hash))
    const kept = tokens.issue('e', 0)
    const idle = tokens.issue('e', 0)
    // Used just within the limit, then again within the limit of that use: still signed in.
    expect(tokens.expertFor(kept, TOKEN_IDLE_MS)).toBe('e')
    expect(tokens.expertFor(kept, 2 * TOKEN_IDLE_MS)).toBe('e')
    expect(tokens.expertFor(idle, 2 * TOKEN_IDLE_MS)).toBeUndefined()
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(ended).toEqual([tokenDigest(idle)])
    expect(tokens.expertFor(kept, 3 * TOKEN_IDLE_MS + 1)).toBeUndefined()
  })

  it('are kept by a use written down for a live socket, and the others end in one pass', async () => {
    const { tokens } = tokenStore()
    const live = tokens.issue('e', 0)
    const idle = tokens.issue('e', 0)
    tokens.used(tokenDigest(live), TOKEN_IDLE_MS)
    // A clock set back writes no earlier use over a later one.
    tokens.used(tokenDigest(live), 0)
    const ended: string[] = []
    tokens.onRevoked((hash) => ended.push(hash))
    tokens.endIdle(TOKEN_IDLE_MS + 1)
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(ended).toEqual([tokenDigest(idle)])
    expect(tokens.expertFor(live, 2 * TOKEN_IDLE_MS)).toBe('e')
  })
})
