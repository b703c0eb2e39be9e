/**
 * The link to a session's room. Whoever holds it sees the room: the app opens it in the expert's
 * system browser, which has no sign-in of the platform's, so the link itself is the permission.
 * Its key is random per session (128 bits), never derived from anything a client can see, and
 * compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'

/** The path prefix of every room page. */
export const ROOMS_PATH = '/rooms/'

/** A fresh room key: 32 lowercase hex digits, as the migration draws them for older sessions. */
export function newRoomKey(): string {
  return randomBytes(16).toString('hex')
}

/**
 * The room's address on this platform: a path the app resolves under the URL it signed in to, so
 * the link follows whatever name, port and path (behind a proxy) the expert reaches the platform by.
 */
export function roomPath(sessionId: string, roomKey: string): string {
  return `${ROOMS_PATH}${encodeURIComponent(sessionId)}?key=${roomKey}`
}

/** True when `given` is the session's room key. */
export function isRoomKey(given: string | null, roomKey: string): boolean {
  if (given === null || roomKey === '') return false
  const a = Buffer.from(given)
  const b = Buffer.from(roomKey)
  return a.length === b.length && timingSafeEqual(a, b)
}
