/**
 * Where a shape check found a value wrong, and the little of zod's schema internals it reads: the
 * pieces shape-check.ts and its leaf checks (shape-check-leaves.ts) share.
 */

/**
 * Where a value went wrong, built only on the way out of a failure: the keys from the wrong member
 * up to the top, so a value that fits allocates nothing (reads come in pages of fifty rows).
 */
export interface Failure {
  readonly keysUpward: Array<string | number>
  readonly expected: string
}

/** One compiled check: what is wrong with the value, or null when it fits. */
export type Check = (value: unknown) => Failure | null

/** A failure at the value itself, seen from nowhere above yet. */
export function failure(expected: string): Failure {
  return { keysUpward: [], expected }
}

/** `problem` seen from one level up, through `key`. */
export function under(key: string | number, problem: Failure): Failure {
  problem.keysUpward.push(key)
  return problem
}

/** The failure as the sentence a shape check returns: "where: what was expected". */
export function describe({ keysUpward, expected }: Failure): string {
  let path = ''
  for (let i = keysUpward.length - 1; i >= 0; i--) {
    const key = keysUpward[i] as string | number
    path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`
  }
  return `${path === '' ? 'the value' : path}: expected ${expected}`
}

/** The minimum of zod's schema internals this reads (stable across zod 4's classic and mini). */
export interface Def {
  readonly type: string
  readonly [key: string]: unknown
}

/** The definition zod keeps on `schema`. */
export function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def
}
