/**
 * Damage the open did not see. A cleanly closed cache is opened without the full check (it reads
 * the whole file), so a file damaged since (a disk error, another program writing into it) is found
 * only when a read or write reaches the damaged page, and then at every start after. Watching the
 * store's calls for SQLite's word that the file is damaged lets the run check the file, move it
 * aside and rebuild it (rebuilt-while-running.ts).
 */
import Database from 'better-sqlite3'
import { isDamageCode } from '../core/cache-lost'

/** SQLite says the bytes are not a database, or a malformed one. */
export function isDamage(error: unknown): boolean {
  return error instanceof Database.SqliteError && isDamageCode(error.code)
}

/**
 * `target` with every method's failure that says the file is damaged told to `onDamage` before it
 * is thrown on, as `described` tells it (as it was by default); each call goes to `current()`, the
 * object standing for it now (a store over a rebuilt file). Each function is wrapped once, on its
 * first use (by itself, not by its name: one set on the store later, as the tests' faults are, is
 * wrapped as it is).
 */
export function reportingDamage<T extends object>(
  target: T,
  onDamage: (error: Error) => void,
  current: () => T = () => target,
  described: (error: unknown) => unknown = (error) => error,
): T {
  const wrapped = new WeakMap<object, unknown>()
  return new Proxy(target, {
    get(_, key) {
      const object = current()
      const value: unknown = Reflect.get(object, key, object)
      if (typeof value !== 'function') return value
      let method = wrapped.get(value)
      if (method === undefined) {
        const original = value as (...args: unknown[]) => unknown
        method = (...args: unknown[]): unknown => {
          try {
            return original.apply(current(), args)
          } catch (error) {
            if (isDamage(error)) onDamage(error as Error)
            throw described(error)
          }
        }
        wrapped.set(value, method)
      }
      return method
    },
    // A method set on the store (a test's fault) or removed from it is the current object's.
    set: (_, key, value) => Reflect.set(current(), key, value),
    deleteProperty: (_, key) => Reflect.deleteProperty(current(), key),
  })
}
