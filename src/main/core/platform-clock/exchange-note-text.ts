/** What the log says of an answer whose time was out of the ordinary (clock-offset.ts notes it). */
import { describeDuration } from '../../../shared/clock-skew'
import type { ExchangeNote } from '../../../shared/clock-offset'
import { describeInstant } from '../../../shared/protocol/time'

/** The log line for `noted`; `what` names an answer's time that was no number, as it came. */
export function exchangeNoteText(noted: ExchangeNote, what?: string): string {
  if (noted.kind === 'not_a_time')
    return `The platform gave its time as ${what ?? describeInstant(noted.serverTime)}, which no working clock reads: ignored, and Standby keeps to its estimate of the platform's time. If this goes on, the platform's operator needs to set its clock right.`
  const way = noted.toMs > noted.fromMs ? 'ahead of' : 'behind'
  return `The platform's clock read ${describeDuration(noted.toMs - noted.fromMs)} ${way} Standby's estimate of it, twice: Standby follows it, as the platform's clock decides its rules, so reminders, start windows and invite times moved with it. If the platform's clock is wrong, its operator needs to set it right.`
}
