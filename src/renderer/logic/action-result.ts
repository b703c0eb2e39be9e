/**
 * Every action's answer in one shape: a value, or one sentence that says what did not happen and
 * why ("Could not book: this time is no longer available."), whether the IPC call, the link or the
 * platform refused it.
 */
import type { CommandFailure, CommandOutcome } from '../../shared/command-outcome'
import { mayHaveHappened } from '../../shared/unanswered-command'
import { saysWhatWasNotDone } from '../../shared/ipc/call-phrases'
import type { IpcError, IpcResult } from '../../shared/ipc/result'

/**
 * What an action ended as, ready to show. `doneElsewhere`: refused as done already, and done as
 * asked on another device (CommandOutcome), so what only this press carried was not sent.
 */
export type ActionResult<T> =
  | { readonly ok: true; readonly value: T; readonly doneElsewhere?: true }
  | { readonly ok: false; readonly message: string }

/** "Could not book: another expert already took this session." */
export function couldNot(verb: string, reason: string): string {
  return `Could not ${verb}: ${afterColon(reason)}`
}

/**
 * The sentence of a command that failed: "Could not book: …" when it was not done, "Tried to
 * book: …" when it was sent and no answer said whether it was done (its sentence says why, and
 * that sending it again is safe), or the platform refused it as done already and Standby could not
 * confirm that (`unconfirmed`: its sentence says what the platform answered, and where to look).
 */
export function failedCommand(verb: string, failure: CommandFailure): string {
  return mayHaveHappened(failure) || failure.code === 'unconfirmed'
    ? `Tried to ${verb}: ${afterColon(failure.message)}`
    : couldNot(verb, failure.message)
}

/** Names a reason may start with, which keep their capital after the colon. */
const NAMES = new Set(['Standby', 'Windows', 'Linux', 'Electron', 'Chromium'])

function afterColon(reason: string): string {
  const trimmed = reason.trim()
  const firstWord = /^[\p{L}\p{N}]+/u.exec(trimmed)?.[0] ?? ''
  const lower = /^[A-Z][a-z]/.test(trimmed) && !NAMES.has(firstWord)
  const sentence = lower ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed
  return sentence.length > 0 ? sentence : 'something went wrong.'
}

/**
 * The sentence of a call the app did not answer: "Tried to …" when it may have done it anyway, as
 * it is when it never reached the app ("Your message was not sent: …"), else "Could not …".
 */
export function failedCall(verb: string, error: IpcError): string {
  // A call that never reached the app already says what was not done; a prefix would say it twice.
  if (error.code === 'unanswered') return `Tried to ${verb}: ${afterColon(error.message)}`
  if (error.code === 'transport_failed' || saysWhatWasNotDone(error.message)) return error.message
  return couldNot(verb, error.message)
}

/** The answer of a call that returns a value. */
export function fromCall<T>(verb: string, result: IpcResult<T>): ActionResult<T> {
  return result.ok
    ? { ok: true, value: result.value }
    : { ok: false, message: failedCall(verb, result.error) }
}

/** The answer of a platform command: the IPC envelope around the command's outcome. */
export function fromCommand<T>(verb: string, result: IpcResult<CommandOutcome<T>>): ActionResult<T> {
  if (!result.ok) return { ok: false, message: failedCall(verb, result.error) }
  const outcome = result.value
  if (!outcome.ok) return { ok: false, message: failedCommand(verb, outcome.error) }
  return outcome.doneElsewhere
    ? { ok: true, value: outcome.result, doneElsewhere: true }
    : { ok: true, value: outcome.result }
}
