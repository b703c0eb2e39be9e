/**
 * What a command ends as, as the UI sees it: the platform's result, the platform's refusal, or a
 * local failure (offline, no answer in time, an answer that made no sense).
 */
import { z } from 'zod'
import { ErrorCode } from './protocol/commands'

/**
 * Failures decided by the app, not the platform; and `refused`, a platform's refusal for a reason
 * this version does not know (its sentence is the platform's). `dropped`: the connection closed
 * after the command was sent and before its answer, and no new one came in time to ask again.
 * `unconfirmed`: a refusal that may mean "done already on another device", which the cache could
 * not check because it is not up to date with the platform; its sentence quotes the platform's.
 * `overtaken`: lost with its connection, it was not sent again, as the expert chose otherwise on
 * another device meanwhile.
 */
export const LocalErrorCode = z.enum([
  'offline',
  'dropped',
  'timeout',
  'invalid_response',
  'signed_out',
  'refused',
  'unconfirmed',
  'overtaken',
])
/** Failures decided by the app, not the platform. */
export type LocalErrorCode = z.infer<typeof LocalErrorCode>

/** Why a command did not succeed, with a sentence the expert can act on. */
export const CommandFailure = z.object({
  code: z.union([ErrorCode, LocalErrorCode]),
  message: z.string(),
})
/** Why a command did not succeed, with a sentence the expert can act on. */
export type CommandFailure = z.infer<typeof CommandFailure>

/**
 * The outcome of one command. `doneElsewhere`: the platform refused it as done already, and the
 * cache shows it done as asked on another device; what only this press carried (a decline's
 * reason) did not reach the platform.
 */
export type CommandOutcome<R> =
  | { readonly ok: true; readonly result: R; readonly doneElsewhere?: true }
  | { readonly ok: false; readonly error: CommandFailure }
