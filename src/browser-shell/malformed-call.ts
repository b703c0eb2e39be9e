/**
 * The answer to a page's message that is JSON but not a call the shell can carry out (its id or
 * channel of the wrong shape, or its bytes not UTF-8), and the log line it costs.
 */
import { callFailed } from '../shared/ipc/call-phrases'
import { invokeContract, type InvokeChannel } from '../shared/ipc/contract'
import { fail, type IpcResult } from '../shared/ipc/result'
import type { Logger } from '../shared/logger'

/**
 * The text to send for `parsed`, or undefined when it names no id the page could match an answer
 * to. A channel of the contract is named, in the log by its name and to the page by what was not
 * done, as every other refusal of a call is.
 */
export function malformedCallAnswer(
  parsed: unknown,
  wellFormed: boolean,
  log: Pick<Logger, 'warn'>,
): string | undefined {
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  const channel = knownChannel(fields['channel'])
  const of = channel === null ? '' : ` for ${channel}`
  log.warn(`Browser shell got a malformed IPC message${of}${wellFormed ? '' : ' (not UTF-8 text)'}`)
  const { id } = fields
  // Answer when the caller can tell which call this was, so it does not wait forever.
  if (typeof id !== 'number') return undefined
  const reason = wellFormed
    ? 'the call was malformed: it needs an id, a channel and a request.'
    : 'what was sent holds a broken character (it is not UTF-8 text); send it again as text.'
  const result: IpcResult<never> =
    channel === null
      ? fail('invalid_payload', `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`)
      : callFailed(channel, 'invalid_payload', reason)
  return JSON.stringify({ id, result })
}

/** `value` when it is the name of a call of the contract, else null. */
function knownChannel(value: unknown): InvokeChannel | null {
  return typeof value === 'string' && Object.hasOwn(invokeContract, value) ? (value as InvokeChannel) : null
}
