/**
 * JSON text of a value that does not depend on the order of its objects' keys, so two callers
 * that built the same payload in different orders (a window's form, a notification's button, a
 * validator that rewrote it) name it alike.
 */

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

/**
 * `JSON.stringify` of `value` with every object's keys sorted. Only for values a schema has
 * already accepted: the recursion goes as deep as the value does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value))
}
