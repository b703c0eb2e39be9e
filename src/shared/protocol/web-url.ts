/**
 * A web page the app may show as a link or hand to the system browser: an attachment, a download.
 * Only http(s): `javascript:`, `file:`, `smb:` (which leaks the expert's Windows credentials to the
 * share's host) and custom schemes (which start whatever app claims them) are refused. A user name
 * or password is taken out, since "https://bank.example@evil.example/" reads as one site and opens
 * another. A host in another script is kept as the URL parser writes it (punycode, "xn--…"): the
 * browser that opens it decides how to show it, by its own rules for look-alike names.
 */
import { z } from 'zod'

/** The longest web address the app passes on, in characters. */
export const MAX_WEB_URL_LENGTH = 2048

/** `url` without its user name and password; unchanged when it has neither or does not parse. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.username === '' && parsed.password === '') return url
    parsed.username = ''
    parsed.password = ''
    return parsed.href
  } catch {
    return url
  }
}

/** An http(s) address, normalised by the URL parser, with any user name and password taken out. */
export const WebUrl = z
  .url({ protocol: /^https?$/, normalize: true })
  .overwrite(withoutCredentials)
  .max(MAX_WEB_URL_LENGTH)
