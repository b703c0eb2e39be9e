/**
 * Damage the open did not see. A cleanly closed cache is opened without the full check (it reads
 * the whole file), so a file damaged since (a disk error, another program writing into it) is found
 * only when a read or write reaches the damaged page, and then at every start after. Watching the
 * store's calls for SQLite's word that the file is damaged lets the run say so and have the next
 * open check the file, which moves it aside and rebuilds it.
 */
import Database from 'better-sqlite3'
import type { Logger } from '../core/ports/logger'
import type { Notifier } from '../core/ports/notifier'

/** SQLite says the bytes are not a database, or a malformed one. */
export function isDamage(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT'))
  )
}

/**
 * `target` with every method's failure that says the file is damaged told to `onDamage` before it
 * is thrown on as it was. Each function is wrapped once, on its first use (by itself, not by its
 * name: one set on the store later, as the tests' faults are, is wrapped as it is).
 */
export function reportingDamage<T extends object>(target: T, onDamage: (error: Error) => void): T {
  const wrapped = new WeakMap<object, unknown>()
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object)
      if (typeof value !== 'function') return value
      let method = wrapped.get(value)
      if (method === undefined) {
        const original = value as (...args: unknown[]) => unknown
        method = (...args: unknown[]): unknown => {
          try {
            return original.apply(object, args)
          } catch (error) {
            if (isDamage(error)) onDamage(error as Error)
            throw error
          }
        }
        wrapped.set(value, method)
      }
      return method
    },
  })
}

/**
 * `store`, telling the expert once when a read or write finds the file damaged, and having the
 * next open check the file (`opened.damaged()`, open-cache.ts), which then rebuilds it.
 */
export function watchedForDamage<T extends object>(
  store: T,
  opened: { damaged(): void },
  tell: { readonly log: Logger; readonly notifier: Pick<Notifier, 'show'> },
): T {
  let told = false
  return reportingDamage(store, (error) => {
    opened.damaged()
    if (told) return
    told = true
    tell.log.error(`The offline cache is damaged (${error.message}); the next start checks and rebuilds it`)
    tell.notifier.show({
      kind: 'notice',
      title: 'Offline cache damaged',
      body:
        `Standby's offline cache on this computer is damaged (${error.message}), so some of what it ` +
        'shows or saves fails. Quit Standby and start it again: the cache is then checked and ' +
        'rebuilt from the platform, and nothing on the platform is lost.',
    })
  })
}
