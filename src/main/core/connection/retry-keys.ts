/**
 * The idempotency key of a command the expert sends again after an outcome that may or may not
 * have happened (no answer in time, a connection that dropped, an answer that made no sense): the
 * first one's key, so a platform that did act answers with its first answer instead of acting
 * twice (a message to the client sent twice, a booking refused as taken by the expert's own first
 * try). The key is bound to the command and its payload: any other command gets a fresh one.
 */
import { canonicalJson } from '../../../shared/canonical-json'
import type { CommandOutcome } from '../../../shared/command-outcome'
import { ErrorCode } from '../../../shared/protocol'
import { mayHaveHappened as unsure } from '../../../shared/unanswered-command'

/** The most commands whose keys are kept for a retry; past it the oldest is forgotten. */
export const MOST_RETRY_KEYS = 32

/** Keys of commands that may or may not have happened, by command and payload. */
export interface RetryKeys {
  /** Whether `name` with `payload` goes out under a kept key: a retry of one that may have happened. */
  held(name: string, payload: unknown): boolean
  /** The key to send `name` with `payload` under: a retry's earlier key, or a fresh one. */
  keyFor(name: string, payload: unknown): string
  /**
   * Keep the key in the cache as the command goes out: should Standby stop before its answer (a
   * crash, a quit), the command may have happened, and the same one sent after the restart goes
   * under this key. Its outcome (`settled`) forgets it or keeps it.
   */
  sending(name: string, payload: unknown, key: string): void
  /** Keep the key while the outcome leaves it open whether the command happened; forget it otherwise. */
  settled(name: string, payload: unknown, key: string, outcome: CommandOutcome<unknown>): void
  /** Keep in the cache the keys it refused when they were kept, now that it may take them. */
  saveHeld(): void
}

/** Whether `outcome` leaves it open whether the platform acted on the command. */
export function mayHaveHappened(outcome: CommandOutcome<unknown>): boolean {
  return !outcome.ok && unsure(outcome.error)
}

/**
 * Where retry keys are kept beyond this run (the cache), by command and payload as one string; it
 * finds nothing when it cannot read, and says so when it cannot keep one (kept-retry-keys.ts).
 */
export interface KeptRetryKeys {
  find(command: string): string | null
  /** Whether the key is kept: false when the cache refused it. */
  keep(command: string, key: string): boolean
  forget(command: string): void
}

/** Keeps nothing beyond this run. */
const keptNowhere: KeptRetryKeys = { find: () => null, keep: () => true, forget: () => {} }

/**
 * The retry keys of this run, also kept in `kept` so a retry after a restart goes under the first
 * key; `fresh` makes a new key.
 */
export function retryKeys(
  fresh: () => string = () => globalThis.crypto.randomUUID(),
  kept: KeptRetryKeys = keptNowhere,
): RetryKeys {
  const open = new Map<string, string>()
  // Kept in memory only: the cache refused them (a full disk, or the very write that found the
  // file damaged, whose rebuild holds none of it), so a restart, or the link made after a rebuild,
  // would send them again as new.
  const unsaved = new Set<string>()
  const idOf = (name: string, payload: unknown): string => `${name} ${canonicalJson(payload)}`
  const find = (id: string): string | null => open.get(id) ?? kept.find(id)
  const saveHeld = (): void => {
    for (const id of unsaved) {
      const key = open.get(id)
      if (key !== undefined && !kept.keep(id, key)) return
      unsaved.delete(id)
    }
  }
  return {
    held: (name, payload) => find(idOf(name, payload)) !== null,
    keyFor: (name, payload) => find(idOf(name, payload)) ?? fresh(),
    sending(name, payload, key) {
      // Refused (a full disk): the command still goes, as before there was a cache to keep it in.
      kept.keep(idOf(name, payload), key)
    },
    settled(name, payload, key, outcome) {
      const id = idOf(name, payload)
      const wasKept = find(id) !== null
      open.delete(id)
      unsaved.delete(id)
      saveHeld()
      if (!mayHaveHappened(outcome)) {
        if (wasKept) kept.forget(id)
        return
      }
      open.set(id, key)
      if (!kept.keep(id, key)) unsaved.add(id)
      if (open.size > MOST_RETRY_KEYS) {
        const oldest = open.keys().next().value!
        open.delete(oldest)
        unsaved.delete(oldest)
      }
    },
    saveHeld,
  }
}

/**
 * Refusals that answer for this one try, not for the key: the platform turned it away before it
 * looked the key up (too many at once, busy, failed, the sign-in or version not accepted) or for a
 * reason this version cannot read. They say nothing of an earlier try under the same key, which may
 * have been done.
 */
const NOT_ABOUT_THE_KEY: ReadonlySet<string> = new Set([
  'rate_limited',
  'busy',
  'internal',
  'unauthorized',
  'protocol_mismatch',
  'refused',
])

/** Whether the platform refused the command itself (its first answer to the key): nothing was done under it. */
function refusedByPlatform(outcome: CommandOutcome<unknown>): boolean {
  if (outcome.ok || NOT_ABOUT_THE_KEY.has(outcome.error.code)) return false
  return ErrorCode.safeParse(outcome.error.code).success
}

/** A refusal of this try alone: a retry keeps its key, as its first try may still have been done. */
function refusedThisTryOnly(outcome: CommandOutcome<unknown>): boolean {
  return !outcome.ok && NOT_ABOUT_THE_KEY.has(outcome.error.code)
}

/**
 * Send `name` with `payload` under its retry key, or a fresh one, and keep or forget the key by
 * the outcome. A retry the platform refuses is asked once more under a fresh key while
 * `mayAskAgain`: the platform answers a key it knows with its first answer, so the refusal may be
 * from back then (too early to start, the client not in yet) and untrue now; and a refusal says
 * nothing was done, so asking anew cannot do it twice. A retry turned away before the key was looked
 * up keeps its key, and is not asked anew: its first try may have been done.
 */
export async function sendUnderRetryKey<R>(
  keys: RetryKeys,
  name: string,
  payload: unknown,
  send: (key: string) => Promise<CommandOutcome<R>>,
  mayAskAgain: () => boolean,
): Promise<CommandOutcome<R>> {
  const retry = keys.held(name, payload)
  const key = keys.keyFor(name, payload)
  keys.sending(name, payload, key)
  const outcome = await send(key)
  if (retry && refusedThisTryOnly(outcome)) return outcome
  keys.settled(name, payload, key, outcome)
  if (!retry || !refusedByPlatform(outcome) || !mayAskAgain()) return outcome
  const fresh = keys.keyFor(name, payload)
  keys.sending(name, payload, fresh)
  const again = await send(fresh)
  keys.settled(name, payload, fresh, again)
  return again
}
