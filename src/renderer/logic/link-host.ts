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
