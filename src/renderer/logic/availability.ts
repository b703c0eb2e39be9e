/** "Online until HH:MM": the next moment the wall clock shows that time, in the OS time zone. */

const HOUR_MS = 60 * 60_000

/** The next moment after `now` at `hhmm` ("17:30") local time, or null for a malformed time. */
export function nextOccurrence(hhmm: string, now: number): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim())
  if (match === null) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return null
  for (let day = 0; day < 2; day++) {
    const at = new Date(now)
    // The day first, then the time: a time the clocks skipped today (read an hour on) must not
    // carry that hour into tomorrow.
    at.setDate(at.getDate() + day)
    at.setHours(hours, minutes, 0, 0)
    if (at.getTime() > now) return at.getTime()
    // The hour the clocks go back shows each of its times twice: the second comes an hour on.
    const again = new Date(at.getTime() + HOUR_MS)
    if (again.getTime() > now && again.getHours() === hours && again.getMinutes() === minutes)
      return again.getTime()
  }
  return null
}

/** "17:30" for a time input, from a moment, local time. */
export function toTimeInputValue(t: number): string {
  const at = new Date(t)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
