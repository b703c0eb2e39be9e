/**
 * A certificate's distinguished name (`CN=Standby Software Ltd, O=…, C=GB`) read into its
 * attributes. A publisher name is read as RFC 2253 writes one (and as electron-updater reads it): a
 * value may be quoted ("Standby, Inc.") or escape a character (\, or \2C). Windows writes a signer's
 * subject otherwise: it quotes a value holding a separator, writes a quote in it twice, and leaves a
 * backslash as it is, so a signer named `\Standby` is not read as Standby. Spaces around a name or
 * value do not count in either.
 */

/** Whose writing a distinguished name is in: RFC 2253's, or Windows' of a certificate's subject. */
export type NameWriting = 'rfc2253' | 'windows'

/** One character of a name or value, and whether quoting or escaping made it literal. */
interface Char {
  readonly text: string
  readonly literal: boolean
}

/** `dn`'s attributes by name (the last of a name repeated); none for text with no `name=value`. */
export function parseDistinguishedName(dn: string, writing: NameWriting = 'rfc2253'): Map<string, string> {
  const attributes = new Map<string, string>()
  let key: string | null = null
  let token: Char[] = []
  let quoted = false
  const finish = (): void => {
    if (key !== null) attributes.set(key, trimmed(token))
    key = null
    token = []
  }
  for (let i = 0; i < dn.length; i++) {
    const ch = dn.charAt(i)
    if (ch === '"' && quoted && writing === 'windows' && dn.charAt(i + 1) === '"') {
      token.push({ text: ch, literal: true })
      i++
    } else if (ch === '"') quoted = !quoted
    else if (quoted) token.push({ text: ch, literal: true })
    else if (ch === '\\' && writing === 'rfc2253') {
      const hex = /^[0-9a-fA-F]{2}/.exec(dn.slice(i + 1))?.[0]
      token.push({
        text: hex === undefined ? dn.charAt(i + 1) : String.fromCharCode(parseInt(hex, 16)),
        literal: true,
      })
      i += hex === undefined ? 1 : 2
    } else if (ch === '=' && key === null) {
      key = trimmed(token)
      token = []
    } else if (ch === ',' || ch === ';' || ch === '+') finish()
    else token.push({ text: ch, literal: false })
  }
  finish()
  return attributes
}

/** The characters as text, without the unquoted, unescaped spaces at either end. */
function trimmed(chars: readonly Char[]): string {
  let start = 0
  let end = chars.length
  while (start < end && chars[start]?.text === ' ' && chars[start]?.literal === false) start++
  while (end > start && chars[end - 1]?.text === ' ' && chars[end - 1]?.literal === false) end--
  return chars
    .slice(start, end)
    .map((char) => char.text)
    .join('')
}
