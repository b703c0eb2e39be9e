/**
 * The envelope every IPC call answers with. Electron flattens a thrown error into a generic
 * "Error invoking remote method" string, so failures travel as values the renderer can act on.
 */

/** Why a call failed, as a word code can switch on. */
export type IpcErrorCode =
  /** The request did not match the contract's schema; the handler never ran. */
  | 'invalid_payload'
  /** The call came from a frame that is not our app; the handler never ran. */
  | 'forbidden_sender'
  /** The page had too many calls waiting for their answers; the handler never ran. */
  | 'too_many_calls'
  /** The handler ran and failed; details are in the main-process log. */
  | 'handler_failed'
  /** The call never reached a handler (no handler registered, or the channel broke). */
  | 'transport_failed'
  /**
   * The call was sent, and the carrier broke before its answer came (the browser shell's socket
   * closed): the app may have carried it out, so trying again blindly could do it twice.
   */
  | 'unanswered'

/** A failure with a sentence a person (or a developer reading the console) can act on. */
export interface IpcError {
  readonly code: IpcErrorCode
  readonly message: string
}

/** The answer to an IPC call: a value, or an error that says why there is none. */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError }

/** A successful answer. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value }
}

/** A failed answer. */
export function fail(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } }
}
