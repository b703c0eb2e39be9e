/**
 * Pure readers that turn a stored column into the value the protocol carries. Text and times go
 * through fitText and fitTimestamp on the way out: a database written before they were bounded
 * may hold anything, and one such row must not make every app refuse the stream.
 */
import {
  CancellationMessage,
  fitText,
  fitTimestamp,
  MessageBody,
  Tag,
  type Cancellation,
  type Message,
  type Reschedule,
} from '../../../src/shared/protocol'
import type { MessageRow } from './platform-rows'

/** A row's tags as the protocol carries them. */
export function storedTags(json: string): string[] {
  return (JSON.parse(json) as string[]).map((tag) => fitText(Tag, tag))
}

/** A row's optional time as the protocol carries it. */
export function storedTime(t: number | null): number | null {
  return t === null ? null : fitTimestamp(t)
}

/** A session row's cancellation as the protocol carries it. */
export function storedCancellation(json: string): Cancellation {
  // Stored before parties could cancel: the system did, with no note.
  const cancellation = { by: 'system', ...(JSON.parse(json) as Cancellation) } satisfies Cancellation
  const { message, ...rest } = cancellation
  return {
    ...rest,
    cancelledAt: fitTimestamp(cancellation.cancelledAt),
    ...(message === undefined ? {} : { message: fitText(CancellationMessage, message) }),
  }
}

/** A session row's latest proposal of another time as the protocol carries it. */
export function storedReschedule(json: string): Reschedule {
  const reschedule = JSON.parse(json) as Reschedule
  return {
    ...reschedule,
    proposedStart: fitTimestamp(reschedule.proposedStart),
    previousStart: fitTimestamp(reschedule.previousStart),
    proposedAt: fitTimestamp(reschedule.proposedAt),
    answeredAt: storedTime(reschedule.answeredAt),
  }
}

/** A message entity from its row. */
export function messageFromRow(row: MessageRow): Message {
  return {
    id: row.id,
    requestId: row.request_id,
    expertId: row.expert_id,
    from: row.from_party,
    body: fitText(MessageBody, row.body),
    sentAt: fitTimestamp(row.sent_at),
  }
}
