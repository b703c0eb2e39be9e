/**
 * Notification ids that name a platform id and the request it was for, so a press on one shown
 * before a platform restored from a backup gave the id to another request is told apart from one
 * on the other's: "<kind>.<length of the id>.<id><request id>", in PLAIN_ID's characters alone,
 * which every OS hands back as they are. Without a request (REQUEST_UNKNOWN) it is the id an
 * earlier version gave, "<kind>-<id>", read back as naming no request. Invites and reminders use it.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { NOTIFICATION_ID_MAX } from '../../../shared/os-limits'
import { REQUEST_UNKNOWN } from '../../core/ports/notifier'

/**
 * The ids a notification id carries as they are. An id may hold any visible ASCII, but a press on a
 * Windows toast reports its id inside text where a quote, "&", ";", "," or "|" ends it, so an id
 * "inv_1&x" would be read back as "inv_1", another invite, whose Decline the press would send.
 * "~" stays: a digest read back from a press is one, and is found again as itself.
 */
const PLAIN_ID = /^[A-Za-z0-9._~-]*$/

/**
 * `prefix` and `id` as one notification id that fits NOTIFICATION_ID_MAX and reads back whole. A
 * platform id may be as long as that alone, and Electron on Windows throws on a longer notification
 * id; one with a character beyond PLAIN_ID would be read back as another. Such an id is replaced by
 * a digest of it, marked '~', which is as unique and is the same in every run, so the notification
 * is still replaced, withdrawn and traced back to it while this run holds it. One from an earlier
 * run names nothing the cache can find, so a press on it opens the window.
 */
export function fittedId(prefix: string, id: string): string {
  const whole = `${prefix}${id}`
  if (whole.length <= NOTIFICATION_ID_MAX && PLAIN_ID.test(id)) return whole
  const digest = createHash('sha256').update(id).digest('base64url')
  return `${prefix}~${digest.slice(0, NOTIFICATION_ID_MAX - prefix.length - 1)}`
}

/**
 * The notification id of `kind` ('standby-invite', 'standby-reminder') for `id` shown for
 * `requestId`. Without a request, or when the two do not fit together (ids of a few dozen
 * characters each, as UUIDs are) but `id` does, it is the id an earlier version gave, which names
 * `id` alone: a digest of both would name nothing, and an earlier run's notification would then be
 * neither withdrawn when what it names changes nor opened on it. Read back, such an id names no
 * request, so a press on it acts only through the notification this run holds, which knows it.
 */
export function requestNamedId(kind: string, id: string, requestId: string): string {
  const both = `${kind}.${id.length}.${id}${requestId}`
  const plain = PLAIN_ID.test(id) && PLAIN_ID.test(requestId)
  if (requestId === REQUEST_UNKNOWN || !plain || both.length > NOTIFICATION_ID_MAX)
    return fittedId(`${kind}-`, id)
  return both
}

/** What a notification id says it was shown for, read back from the OS. */
export interface RequestNamedIdRead {
  /** The id as found: a press compares it with the ids of the notifications held. */
  readonly id: string
  /** The invite's or session's id (a digest's, marked '~', when it did not fit). */
  readonly named: string
  /** REQUEST_UNKNOWN for an earlier version's id, which named none, and for a digest. */
  readonly requestId: string
}

/** The platform id and request an id names, each as a notification id carries it. */
const IdParts = z.object({
  named: z.string().min(1).max(NOTIFICATION_ID_MAX).regex(PLAIN_ID),
  requestId: z.string().max(NOTIFICATION_ID_MAX).regex(PLAIN_ID),
})

/**
 * The id of `kind` from {@link requestNamedId} found anywhere in `text` (a press's arguments on
 * Windows, an id from Notification Center on macOS), of this version or an earlier one; null when
 * none is, or when what is there does not read as one (its length past its text).
 */
export function requestNamedIn(kind: string, text: string): RequestNamedIdRead | null {
  const named = new RegExp(`${kind}\\.(\\d{1,2})\\.([A-Za-z0-9._~-]+)`).exec(text)
  if (named !== null) {
    const [id, length, both] = named as unknown as [string, string, string]
    const parts = { named: both.slice(0, Number(length)), requestId: both.slice(Number(length)) }
    const read = IdParts.safeParse(parts)
    return read.success && read.data.requestId !== REQUEST_UNKNOWN ? { id, ...read.data } : null
  }
  // An earlier version's (its id alone), or one too long to carry its ids (a digest, '~').
  const earlier = new RegExp(`${kind}(?:-|\\.(?=~))([\\x21-\\x7e]+?)(?=$|[\\s"'&;,|])`).exec(text)
  if (earlier === null) return null
  const read = IdParts.safeParse({ named: earlier[1], requestId: REQUEST_UNKNOWN })
  return read.success ? { id: earlier[0], ...read.data } : null
}
