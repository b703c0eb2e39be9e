/** Headline figures: what each bench returns as data beside the text it prints. */
import { mib, ms, times } from './stats'

/** How a headline figure is measured. */
export type HeadlineUnit = 'ms' | 'bytes' | 'ratio' | 'percent' | 'count'

/** One headline figure of one bench run, e.g. a fan-out's p99 ratio. */
export interface Headline {
  readonly name: string
  readonly value: number
  readonly unit: HeadlineUnit
}

/** A bench as `npm run bench` runs it: prints its figures and returns its headlines. */
export type Bench = () => Promise<ReadonlyArray<Headline>>

/** `value` written in `unit`. */
export function formatFigure(value: number, unit: HeadlineUnit): string {
  switch (unit) {
    case 'ms':
      return ms(value)
    case 'bytes':
      return mib(value)
    case 'ratio':
      return times(value)
    case 'percent':
      return `${value.toFixed(0)} %`
    case 'count':
      return value.toLocaleString('en-US')
  }
}
