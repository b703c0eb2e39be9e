/**
 * A connection closed because the platform sent a message over the size limit: the questions it
 * awaited fail as AnswerTooLarge, not as merely disconnected, so the asker can ask for less (a
 * replay page of one event) instead of meeting the same answer after each reconnect.
 */
import { AnswerTooLarge } from '../core/ports/link-transport'
import { closedOversized } from './socket-io-close-reasons'

/**
 * Fail each of `acks` (socket.io's awaited answers, error first) with AnswerTooLarge saying `why`
 * when `description` says a frame over the limit closed the connection. Called as the socket tells
 * of its close, before socket.io fails them with its own words.
 */
export function failAnswersIfOversized(
  acks: Record<number, ((error: Error) => void) | undefined> | undefined,
  description: unknown,
  why: string,
): void {
  if (acks === undefined || !closedOversized(description)) return
  for (const id of Object.keys(acks).map(Number)) {
    const ack = acks[id]
    delete acks[id]
    ack?.(new AnswerTooLarge(why))
  }
}
