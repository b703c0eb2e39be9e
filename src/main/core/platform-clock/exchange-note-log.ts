/** What the log says of answers whose time was out of the ordinary, once per kind (exchange-note-text.ts). */
import type { ExchangeNote } from '../../../shared/clock-offset'
import { describeValue } from '../../../shared/describe-untrusted'
import type { Logger } from '../ports/logger'
import { exchangeNoteText } from './exchange-note-text'

/** Says, once per kind until the next reset, what an answer's time did that is out of the ordinary. */
export class ExchangeNoteLog {
  /** The kinds of answer logged since the last reset: a platform repeating one says so once. */
  private readonly toldNotes = new Set<ExchangeNote['kind']>()

  constructor(private readonly log: Logger) {}

  /** Log `noted` unless its kind was told since the last reset; `what` names a time that was no number. */
  note(noted: ExchangeNote | null, what?: string): void {
    if (noted === null || this.toldNotes.has(noted.kind)) return
    this.toldNotes.add(noted.kind)
    this.log.warn(exchangeNoteText(noted, what))
  }

  /** An answer's time that no clock reads. */
  unreadable(said: unknown): void {
    // A number is named as the instant it reads, anything else as what it is.
    if (typeof said === 'number') this.note({ kind: 'not_a_time', serverTime: said })
    else this.note({ kind: 'not_a_time', serverTime: Number.NaN }, describeValue(said))
  }

  /** Forget which kinds were told: the next platform's are news. */
  reset(): void {
    this.toldNotes.clear()
  }
}
