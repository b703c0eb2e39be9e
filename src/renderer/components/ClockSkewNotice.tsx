/**
 * One line when the computer's clock is more than a minute off the platform's: Standby already
 * follows the platform's time, but the expert's other apps, and the expert, do not.
 */
import { clockSkewNotice } from '../../shared/clock-skew'
import { useClockOffset } from '../store/context'

/** Props of ClockSkewNotice. */
export interface ClockSkewNoticeProps {
  /** The compact form for the tray popover. */
  readonly compact?: boolean
}

/** The clock skew notice, or nothing when the clocks agree. */
export function ClockSkewNotice({ compact = false }: ClockSkewNoticeProps) {
  const text = clockSkewNotice(useClockOffset())
  if (text === null) return null
  return (
    <p className={`clock-skew${compact ? ' clock-skew-compact' : ''}`} role="status">
      {text}
    </p>
  )
}
