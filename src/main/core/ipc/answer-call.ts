/**
 * The one way a contract call is answered, whichever carrier brought it (Electron IPC or the
 * browser shell's WebSocket): refuse a request too large to read or that is not plain data, parse
 * it with the contract's schema, run the handler, and turn every outcome into an IpcResult, with
 * a log line for anything refused or failed.
 */
import { describeIssues } from '../../../shared/describe-untrusted'
import { callFailed } from '../../../shared/ipc/call-phrases'
import {
  invokeContract,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../../shared/ipc/contract'
import { fail, ok, type IpcResult } from '../../../shared/ipc/result'
import { MOST_CALL_BYTES } from '../../../shared/ipc/shell-socket'
import { illFormedTextPath } from '../../../shared/well-formed'
import type { Logger } from '../ports/logger'
import { storageFaultMessage } from '../storage-remedy'
import { notPlainData } from './plain-data'
import { requestSizeRefusal } from './request-size'
import { ToldError } from './told-error'

/** Parse `payload` for `channel` and run `handler` on it; never throws. */
export async function answerCall<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
  handler: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>,
  log: Pick<Logger, 'warn' | 'error'>,
): Promise<IpcResult<InvokeResponse<C>>> {
  // Before the schema, which would walk all of it: a page can send a request of any size.
  const oversized = guarded(() => requestSizeRefusal(payload, MOST_CALL_BYTES), 'unreadable' as const)
  if (oversized === 'unreadable') return unreadable(channel, log)
  if (oversized !== null) {
    const what = oversized === 'too_large' ? `over ${MOST_CALL_BYTES / 1_000_000} MB` : 'nested too deeply'
    log.warn(`IPC ${channel} got an invalid payload: ${what}`)
    return callFailed(
      channel,
      'invalid_payload',
      oversized === 'too_large'
        ? `what was sent is too large for Standby (${what}); make it shorter.`
        : `what was sent is nested too deeply to be one of Standby's requests.`,
    )
  }
  // Bounded by the size check: what only Electron's IPC carries is refused, as the shell never gets it.
  const notData = guarded(() => notPlainData(payload), 'unreadable' as const)
  if (notData === 'unreadable') return unreadable(channel, log)
  if (notData !== null) {
    const where = notData.path === '(root)' ? 'what was sent is' : `${notData.path} holds`
    // A dash, not a colon, parts where from what: the log's redaction reads "password: a …" as a
    // password valued "a", and would take that word.
    log.warn(`IPC ${channel} got an invalid payload: ${notData.path} — ${notData.what}, not plain data`)
    return callFailed(
      channel,
      'invalid_payload',
      `${where} ${notData.what}, where Standby takes only text, numbers, true or false, lists and objects.`,
    )
  }
  const parsed = readRequest(channel, payload)
  if (parsed === null) return unreadable(channel, log)
  if (!parsed.success) {
    // Bounded: the payload is untrusted, and a prettified error lists every unknown key it has.
    const reason = describeIssues(parsed.error.issues)
    log.warn(`IPC ${channel} got an invalid payload: ${reason}`)
    return callFailed(channel, 'invalid_payload', `Standby could not use what was sent (${reason}).`)
  }
  // Checked after the schema, so free text it mended passes; any other string must arrive whole.
  const illFormed = illFormedTextPath(parsed.data)
  if (illFormed !== null) {
    log.warn(`IPC ${channel} got an invalid payload: ${illFormed} — ill-formed Unicode`)
    return callFailed(
      channel,
      'invalid_payload',
      `${illFormed} holds a broken character (invalid Unicode); type it again.`,
    )
  }
  try {
    // safeParse on the union of all request schemas loses the link to C; the schema is C's own.
    return ok(await handler(parsed.data as InvokeRequest<C>))
  } catch (error) {
    // A told error is an outcome the page shows (a burst of opens refused), not a fault of the app.
    if (error instanceof ToldError) {
      log.warn(`IPC ${channel} failed`, error)
      return fail('handler_failed', error.message)
    }
    log.error(`IPC ${channel} failed`, error)
    const fault = storageFaultMessage(error)
    if (fault !== null) return fail('handler_failed', fault)
    return callFailed(
      channel,
      'handler_failed',
      'something went wrong in Standby; the details are in its log.',
    )
  }
}

/**
 * Runs a read of the untrusted payload, or answers `instead` if reading it threw: neither carrier
 * delivers getters or proxies today, but a payload that throws when read must be refused, not
 * reject a call that never throws.
 */
function guarded<T, U>(read: () => T, instead: U): T | U {
  try {
    return read()
  } catch {
    return instead
  }
}

function readRequest<C extends InvokeChannel>(channel: C, payload: unknown) {
  return guarded(() => invokeContract[channel].request.safeParse(payload), null)
}

function unreadable(channel: InvokeChannel, log: Pick<Logger, 'warn'>): IpcResult<never> {
  log.warn(`IPC ${channel} got an invalid payload: it threw when read`)
  return callFailed(channel, 'invalid_payload', 'what was sent could not be read as data.')
}
