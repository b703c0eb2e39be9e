/**
 * The one way a contract call is answered, whichever carrier brought it (Electron IPC or the
 * browser shell's WebSocket): parse the request with the contract's schema, run the handler, and
 * turn every outcome into an IpcResult, with a log line for anything refused or failed.
 */
import { describeIssues } from '../../../shared/describe-untrusted'
import {
  invokeContract,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../../shared/ipc/contract'
import { fail, ok, type IpcResult } from '../../../shared/ipc/result'
import { illFormedTextPath } from '../../../shared/well-formed'
import type { Logger } from '../ports/logger'
import { storageFaultMessage } from '../storage-remedy'
import { ToldError } from './told-error'

/** Parse `payload` for `channel` and run `handler` on it; never throws. */
export async function answerCall<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
  handler: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>,
  log: Pick<Logger, 'warn' | 'error'>,
): Promise<IpcResult<InvokeResponse<C>>> {
  const parsed = invokeContract[channel].request.safeParse(payload)
  if (!parsed.success) {
    // Bounded: the payload is untrusted, and a prettified error lists every unknown key it has.
    const reason = describeIssues(parsed.error.issues)
    log.warn(`IPC ${channel} got an invalid payload: ${reason}`)
    return fail('invalid_payload', `${channel} got an invalid request: ${reason}`)
  }
  // Checked after the schema, so free text it mended passes; any other string must arrive whole.
  const illFormed = illFormedTextPath(parsed.data)
  if (illFormed !== null) {
    log.warn(`IPC ${channel} got an invalid payload: ${illFormed}: ill-formed Unicode`)
    return fail(
      'invalid_payload',
      `${channel} got an invalid request: ${illFormed} holds a broken character (invalid Unicode); type it again.`,
    )
  }
  try {
    // safeParse on the union of all request schemas loses the link to C; the schema is C's own.
    return ok(await handler(parsed.data as InvokeRequest<C>))
  } catch (error) {
    log.error(`IPC ${channel} failed`, error)
    if (error instanceof ToldError) return fail('handler_failed', error.message)
    const fault = storageFaultMessage(error)
    if (fault !== null) return fail('handler_failed', fault)
    return fail('handler_failed', `${channel} failed; the details are in the Standby log.`)
  }
}
