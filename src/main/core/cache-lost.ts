/**
 * The cache a run can no longer use: its file was found damaged while running and could not be
 * opened again (src/main/db/rebuilt-while-running.ts). Every call of the store then fails with this,
 * in Standby's words, rather than with the driver's "The database connection is not open", which
 * tells the expert neither what happened nor what to do.
 */

/** What a store's call throws once its file was found damaged and could not be opened again. */
export class CacheLost extends Error {
  override readonly name: string = 'CacheLost'

  constructor(options?: ErrorOptions) {
    super("Standby's offline cache was found damaged and could not be opened again", options)
  }
}

/** What to do about a lost cache, as the start of a sentence (the caller ends it). */
export const CACHE_LOST_REMEDY =
  'Quit Standby and start it again, so the offline cache is checked and rebuilt from the platform; nothing on the platform is lost'

/** Whether `error`, or one of its causes, is a lost cache. */
export function isCacheLost(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; typeof at === 'object' && at !== null && depth < 8; depth++) {
    if (at instanceof CacheLost) return true
    at = (at as { cause?: unknown }).cause
  }
  return false
}

/**
 * Whether `error`, or one of its causes, is SQLite's word that the cache file is damaged (read
 * here by its code, as the core does not import the driver). The run rebuilds the file at once
 * (src/main/db/rebuilt-while-running.ts), so the action that met it can be tried again.
 */
export function isCacheDamage(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; typeof at === 'object' && at !== null && depth < 8; depth++) {
    if (isDamageCode((at as { code?: unknown }).code)) return true
    at = (at as { cause?: unknown }).cause
  }
  return false
}

/** Whether SQLite's error `code` says the file is damaged: the one rule the watch and the window share. */
export function isDamageCode(code: unknown): boolean {
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
}
