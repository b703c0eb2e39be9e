/**
 * The failure the window shows for a check or download, kept apart from the state so that its
 * retry time can be written again when the computer's time zone changes (update-zone.test.ts).
 */
import { failureSentence } from './update-words'

/** What failed, why, and when it is tried again. */
interface Failure {
  readonly what: string
  readonly reason: string
  readonly retryAt: number
}

/** The one failure sentence shown, and how to write it again. */
export class ShownFailure {
  private failure: (Failure & { sentence: string }) | null = null

  constructor(
    private readonly formatTime: () => (t: number) => string,
    private readonly manualDownloadUrl: () => string,
  ) {}

  /** The sentence for this failure, kept as the one shown. */
  show(failure: Failure): string {
    const sentence = this.sentence(failure)
    this.failure = { ...failure, sentence }
    return sentence
  }

  /** The sentence written again in the zone now, when `shown` is still this failure's; else null. */
  rewritten(shown: string | null): string | null {
    const failure = this.failure
    if (failure === null || shown !== failure.sentence) return null
    failure.sentence = this.sentence(failure)
    return failure.sentence
  }

  private sentence({ what, reason, retryAt }: Failure): string {
    return failureSentence(what, reason, this.formatTime()(retryAt), this.manualDownloadUrl())
  }
}
