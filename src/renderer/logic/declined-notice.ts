/**
 * What the card says once its Decline went through. An invite declined on another device first is
 * told as declined (done-elsewhere.ts), but a reason chosen here could not go with it: the platform
 * takes a reason only with the decline itself. The expert picked one, so they hear it was not sent
 * rather than believe the platform has it. The earlier decline may also be this computer's own (the
 * notification's Decline and the card's raced, or an answer lost and pressed again), so the notice
 * does not say where it was done.
 */
import type { DeclineReason } from '../../shared/protocol/entities'
import { noticeText, theirs, type NoticeText } from './isolate'

/** The notice after declining `title` with `reason` (none chosen: undefined), done here or on another device. */
export function declinedNotice(
  title: string,
  reason: DeclineReason | undefined,
  answer: { readonly doneElsewhere?: true },
): NoticeText {
  if (reason === undefined || answer.doneElsewhere !== true) return noticeText`Declined: ${theirs(title)}`
  return noticeText`Declined already, before this press (on another device or by an earlier press here): ${theirs(title)}. The reason you chose here was not sent, as the platform takes a reason only with the decline itself.`
}
