/** What a message box holds once its message was sent, when the expert kept typing meanwhile. */

/**
 * The draft after `sent` went out: empty when it is still what was sent; what was typed after it
 * when the expert went on writing; otherwise (the box rewritten meanwhile) as it is. Clearing it
 * whatever it holds would lose what was typed while the message was on its way.
 */
export function draftAfterSending(current: string, sent: string): string {
  if (current === sent) return ''
  if (current.startsWith(sent)) return current.slice(sent.length).replace(/^\s+/, '')
  return current
}
