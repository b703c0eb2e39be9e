/**
 * Whether this Node.js is one Standby supports, by package.json's `engines.node`: on an older one
 * npm says nothing about the project's own engines, and the first thing to fail is some unrelated
 * import deep in a tool. Reads the range forms that field uses (`^a.b.c`, `>=a.b.c`, `||`).
 */

/** A version as three numbers; null for text that is not one. */
function parts(version: string): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim())
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])]
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0)
  return 0
}

/** Whether `version` meets one comparator; an unreadable one is taken as met, never as a refusal. */
function meets(version: [number, number, number], comparator: string): boolean {
  const [, operator, bound] = /^(\^|>=)?\s*(.+)$/.exec(comparator.trim()) ?? []
  const floor = parts(bound ?? '')
  if (floor === null) return true
  if (operator === '>=') return compare(version, floor) >= 0
  if (operator === '^') return version[0] === floor[0] && compare(version, floor) >= 0
  return compare(version, floor) === 0
}

/** The sentence to stop with when `version` is outside `range`; null when it is inside. */
export function unsupportedNode(version: string, range: string): string | null {
  const current = parts(version)
  if (current === null || range.split('||').some((comparator) => meets(current, comparator))) return null
  return (
    `Standby needs Node.js ${range.trim()} (package.json's engines); this is Node.js ${version}. ` +
    'Install a supported Node.js (from nodejs.org, or `nvm install 22`), then run `npm ci` again: ' +
    'better-sqlite3 is built for the Node.js that installs it.'
  )
}
