/**
 * What the expert is told when their computer's clock is off from the platform's: Standby follows
 * the platform's time either way, but the rest of the computer (and the expert) does not.
 */
/** A computer clock off by more than this is worth a word to the expert. */
export const SKEW_NOTICE_THRESHOLD_MS = 60_000

/**
 * How the app's clock stands against the platform's, as the window shows it. A plain type, not a
 * schema, so the renderer can word the notice without bundling zod; the IPC contract validates it.
 */
export interface PlatformClockState {
  /**
   * Platform time minus this computer's clock. Before the first exchange with the platform: the
   * offset the last run kept, or 0, moved by each setting of the computer's clock since.
   */
  readonly offsetMs: number
  /** True once an exchange with the platform has measured the offset. */
  readonly measured: boolean
}

/** Before any exchange: the computer's own clock, unmeasured. */
export const UNMEASURED_CLOCK: PlatformClockState = { offsetMs: 0, measured: false }

/**
 * "2 h", "45 min", "1 h 30 min", "3 days", "about 5 months", "about 56 years": a clock difference
 * in words, to the minute while that means something; a clock set to 1970 is years off, and
 * twenty thousand days says it less plainly.
 */
export function describeDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000)
  if (minutes < 60) return `${Math.max(1, minutes)} min`
  const hours = Math.floor(minutes / 60)
  const days = minutes / 1_440
  const years = Math.round(days / 365.25)
  if (!(years <= 1_000)) return 'more than 1,000 years'
  if (days >= 730) return `about ${years} years`
  if (days >= 60) return `about ${Math.round(days / 30.44)} months`
  if (hours >= 48) return `${Math.round(days)} days`
  const rest = minutes % 60
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/**
 * The one-line notice for a clock off by more than a minute, or null: "Your computer's clock is
 * 2 h behind the platform's; Standby uses the platform's time, but fix the clock in your system
 * settings."
 */
export function clockSkewNotice(state: PlatformClockState): string | null {
  if (!state.measured || Math.abs(state.offsetMs) <= SKEW_NOTICE_THRESHOLD_MS) return null
  const direction = state.offsetMs > 0 ? 'behind' : 'ahead of'
  return `Your computer's clock is ${describeDuration(state.offsetMs)} ${direction} the platform's; Standby uses the platform's time, but fix the clock in your system settings.`
}
