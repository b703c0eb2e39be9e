/**
 * A web address named by its host where a sentence has no room for all of it: a tooltip cut short,
 * a status the window shows beside a link that carries the address whole.
 */

/** The most UTF-16 units of a host named for an address: room is left for the rest of the sentence. */
export const MOST_HOST_CHARS = 40

/** `address`'s host (and port), cut at the start to its last labels when long; as is when no address. */
export function addressHost(address: string): string {
  let host: string
  try {
    host = new URL(address).host
  } catch {
    return address
  }
  if (host.length <= MOST_HOST_CHARS) return host
  const end = host.slice(-(MOST_HOST_CHARS - 1))
  const label = end.indexOf('.')
  return `…${label > 0 ? end.slice(label + 1) : end}`
}

/** `address` as its host and an ellipsis for the rest ("downloads.example.com/…"); as is when no address. */
export function shortAddress(address: string): string {
  const host = addressHost(address)
  return host === address ? address : `${host}/…`
}
