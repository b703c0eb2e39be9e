/**
 * `npm run bench -- --repeat N <name>`: how far a bench's headline figures move from run to run,
 * so a reader can tell a real change from one run's luck.
 */
import { formatFigure, type Headline, type HeadlineUnit } from './headline'
import { spread, type Spread } from './stats'

/** One headline figure over every run that reported it. */
export interface RepeatRow {
  readonly name: string
  readonly unit: HeadlineUnit
  readonly values: ReadonlyArray<number>
  readonly spread: Spread
}

/** Each headline figure across `runs`, in the order the first run to report it gave them. */
export function repeatRows(runs: ReadonlyArray<ReadonlyArray<Headline>>): ReadonlyArray<RepeatRow> {
  const rows = new Map<string, { unit: HeadlineUnit; values: number[] }>()
  for (const run of runs) {
    for (const { name, value, unit } of run) {
      const row = rows.get(name) ?? { unit, values: [] }
      row.values.push(value)
      rows.set(name, row)
    }
  }
  return [...rows].map(([name, { unit, values }]) => ({ name, unit, values, spread: spread(values) }))
}

/** The lines that print `rows`: each figure's runs, then its median, range and relative width. */
export function formatRepeat(rows: ReadonlyArray<RepeatRow>, runs: number): ReadonlyArray<string> {
  if (rows.length === 0) return [`(no headline figures over ${runs} runs)`]
  return [
    `headline figures over ${runs} runs (each run's value, then median [min – max] and how wide that range is against the median):`,
    ...rows.map(({ name, unit, values, spread: s }) => {
      const f = (value: number): string => formatFigure(value, unit)
      const width = s.median === 0 ? Number.NaN : ((s.max - s.min) / s.median) * 100
      const missing = values.length < runs ? `  (reported by ${values.length} of ${runs} runs)` : ''
      return (
        `  ${name}: ${values.map(f).join(', ')}  →  median ${f(s.median)} [${f(s.min)} – ${f(s.max)}], ` +
        `range ${Number.isFinite(width) ? `${width.toFixed(0)} %` : 'n/a'} of the median${missing}`
      )
    }),
  ]
}

/** `--repeat N` and the bench name from the command line, or what is wrong with them. */
export function parseBenchArgs(
  args: ReadonlyArray<string>,
  names: ReadonlyArray<string>,
): { readonly repeat: number; readonly only: string | undefined } | { readonly error: string } {
  let repeat = 1
  let only: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--repeat') {
      const n = Number(args[++i])
      if (!Number.isInteger(n) || n < 1)
        return {
          error: `--repeat needs a whole number of runs of at least 1, e.g. --repeat 5 (got "${args[i] ?? ''}").`,
        }
      repeat = n
    } else if (arg.startsWith('--')) {
      // Options of a single bench (e.g. the storm's --cores) are that bench's to read.
      if (
        args[i + 1] !== undefined &&
        !args[i + 1]?.startsWith('--') &&
        !names.includes(args[i + 1] as string)
      )
        i++
    } else if (names.includes(arg)) only = arg
    else return { error: `No bench named "${arg}"; the benches are: ${names.join(', ')}.` }
  }
  return { repeat, only }
}
