/**
 * Small components that show time relative to the host's now. Each subscribes to the host clock
 * itself, so only these leaves re-render every second, never the lists around them. Those that
 * write a time of day subscribe to the display: a memoised card around them is not drawn again
 * when the OS's zone changes, and would keep the time in the zone the expert left.
 */
import {
  formatAgoAt,
  formatDay,
  formatCountdown,
  formatDayTime,
  formatTime,
  formatTimer,
  isoTime,
} from '../logic/format'
import { useAppState, useNow } from '../store/context'
import { useDisplay } from './HostDisplay'
import { platformAverageOf, waitCue } from '../logic/wait-cue'

/** "3 minutes ago". */
export function Ago({ at }: { readonly at: number }) {
  const now = useNow()
  return <time dateTime={isoTime(at)}>{formatAgoAt(at, now)}</time>
}

/** "4:32" until `at`, then `whenDone`. */
export function Countdown({ to, whenDone = '0:00' }: { readonly to: number; readonly whenDone?: string }) {
  const now = useNow()
  return (
    <time dateTime={isoTime(to)} className="tabular">
      {to > now ? formatCountdown(to - now) : whenDone}
    </time>
  )
}

/** "12:04" elapsed since `from`: a running timer. */
export function Elapsed({ from }: { readonly from: number }) {
  const now = useNow()
  return <span className="tabular">{formatTimer(now - from)}</span>
}

/** "Tue 6 Jan, 13:00" as a <time> element. */
export function DayTime({ at }: { readonly at: number }) {
  useDisplay()
  return <time dateTime={isoTime(at)}>{formatDayTime(at)}</time>
}

/** "Tue 6 Jan" as a <time> element. */
export function Day({ at }: { readonly at: number }) {
  useDisplay()
  return <time dateTime={isoTime(at)}>{formatDay(at)}</time>
}

/** "13:00" as a <time> element. */
export function ClockTime({ at }: { readonly at: number }) {
  useDisplay()
  return <time dateTime={isoTime(at)}>{formatTime(at)}</time>
}

/** How long an instant invite has waited, against the platform's average time to an answer. */
export function Waiting({ sentAt }: { readonly sentAt: number }) {
  const average = platformAverageOf(useAppState().expert?.stats)
  const cue = waitCue(sentAt, useNow(), average)
  const tone = cue.level === 'strong' ? 'warning-text' : cue.level === 'calm' ? 'muted' : ''
  return <p className={`wait-cue wait-${cue.level} tabular ${tone}`}>{cue.text}</p>
}
