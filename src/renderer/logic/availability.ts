/** "Online until HH:MM": the next moment the wall clock shows that time, in the OS time zone. */

/** The next moment after `now` at `hhmm` ("17:30") local time, or null for a malformed time. */
export function nextOccurrence(hhmm: string, now: number): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim())
  if (match === null) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return null
  const at = new Date(now)
  at.setHours(hours, minutes, 0, 0)
  if (at.getTime() <= now) at.setDate(at.getDate() + 1)
  return at.getTime()
}

/** "17:30" for a time input, from a moment, local time. */
export function toTimeInputValue(t: number): string {
  const at = new Date(t)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
