/**
 * A session's room: the platform's page where the expert meets the client. The platform sends it
 * as an absolute path on itself ("/rooms/ses_1?key=…"), which the app resolves under the URL it
 * signed in to (its path included, as every API path is), or as a whole http(s) URL. Which origin
 * is the platform's only the app knows (the URL it signed in to), so the core checks the origin
 * (resolveRoomUrl) on arrival and again when it opens a room; the schema checks the shape.
 */
import { z } from 'zod'
import { platformBasePath } from '../platform-url'

/** The longest room address the protocol carries, in characters. */
export const MAX_ROOM_URL_LENGTH = 2048

// Visible ASCII: a platform percent-encodes anything else, so what is stored is what is opened.
const VISIBLE_ASCII = /^[\x21-\x7e]+$/

/**
 * Why `text` is not a room address, or null when it is one. A backslash is refused everywhere,
 * since browsers read "/\host" as "//host", another site.
 */
export function roomUrlProblem(text: string): string | null {
  if (!VISIBLE_ASCII.test(text) || text.includes('\\'))
    return 'A room address is letters, digits and URL punctuation, without spaces or backslashes'
  if (text.startsWith('/')) {
    return text.startsWith('//')
      ? 'A room address that starts with "//" names another site; send a path on the platform'
      : null
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'A room address is a path on the platform ("/rooms/…") or an http(s) URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `A room address is a web page (http or https), not ${url.protocol}`
  if (url.username !== '' || url.password !== '') return 'A room address carries no user name or password'
  return null
}

/** A session's room address as it crosses the wire: a path on the platform, or an http(s) URL. */
export const RoomUrl = z
  .string()
  .min(1)
  .max(MAX_ROOM_URL_LENGTH)
  .superRefine((text, ctx) => {
    const problem = roomUrlProblem(text)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  })

/**
 * The room's whole URL when `roomUrl` is on the platform at `platformUrl` (same scheme, host and
 * port; a path goes under the platform's own), else null: a room elsewhere is another site's page,
 * whatever the platform says.
 */
export function resolveRoomUrl(roomUrl: string, platformUrl: string): string | null {
  if (roomUrlProblem(roomUrl) !== null) return null
  try {
    const platform = new URL(platformUrl)
    if (platform.protocol !== 'https:' && platform.protocol !== 'http:') return null
    // A path is the platform's, so it goes under the path the platform is served at, as its API
    // does: behind a proxy at https://host/standby, "/rooms/…" is https://host/standby/rooms/…,
    // where the host's root may be another application or nothing at all.
    const room = new URL(
      roomUrl.startsWith('/') ? `${platformBasePath(platform)}${roomUrl}` : roomUrl,
      platform,
    )
    return room.origin === platform.origin ? room.href : null
  } catch {
    return null
  }
}
