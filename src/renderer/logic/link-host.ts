/**
 * Where a link goes, as the expert should read it beside the link's name: a file called
 * "invoice.pdf" may be served from anywhere, and the name alone says nothing about that.
 */

/**
 * The host (and port, when not the scheme's own) a web address opens, as the URL parser writes it
 * (a host in another script as punycode, the form the browser's look-alike rules start from);
 * null when the address does not parse, so the caller says so rather than guess.
 */
export function linkHost(url: string): string | null {
  try {
    const host = new URL(url).host
    return host === '' ? null : host
  } catch {
    return null
  }
}

/**
 * `url` as a link the window may make clickable and hand to the host to open: a web address
 * (http or https) with a host, without a user name or password ("https://bank.example@evil.example/"
 * reads as one site and opens another); null for anything else. The platform's links are checked
 * so on the way in, but a cached row changed under the app comes back as stored, and a
 * `javascript:`, `file:` or custom-scheme link must never be one press away.
 */
export function openableLink(url: string): string | null {
  try {
    const parsed = new URL(url)
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.host === '') return null
    parsed.username = ''
    parsed.password = ''
    return parsed.href
  } catch {
    return null
  }
}
