/**
 * The calls of a runtime that has closed (Standby is quitting): each is refused with a sentence
 * for the page, not run against a closed cache, where it failed with the driver's words and a log
 * error, and a sign-in reached the platform for a token no one would keep.
 */
import type { AppApi } from '../app-api'
import type { CommandOutcome } from '../../../shared/command-outcome'
import { mayHaveHappened } from '../../../shared/unanswered-command'
import type { InvokeChannel } from '../../../shared/ipc/contract'
import { ToldError } from './told-error'

/** What a page is told of a call made once Standby is quitting. */
export const CALL_AT_QUIT = 'Standby is quitting, so it did not do this; open Standby again to carry on.'

/** `api`, each of whose calls is refused with CALL_AT_QUIT once `closed` says so. */
export function refusedOnceClosed(api: AppApi, closed: () => boolean): AppApi {
  const guarded = Object.fromEntries(
    (Object.keys(api) as InvokeChannel[]).map((channel) => {
      const handler = api[channel] as (request: unknown) => unknown
      return [
        channel,
        (request: unknown) => {
          if (closed()) throw new ToldError(CALL_AT_QUIT)
          return handler(request)
        },
      ]
    }),
  )
  return guarded as AppApi
}

/**
 * What a command on its way as Standby quits is told as: the quit ended its link (which says a
 * sign-in ended), so whether the platform did it is open. Sent again only once Standby shows it.
 */
export const UNANSWERED_AT_QUIT = {
  ok: false,
  error: {
    code: 'dropped',
    message:
      'Standby quit before the platform answered, so it cannot tell whether it was done. Open Standby again: it shows whether it was; check there before sending it again.',
  },
} as const satisfies CommandOutcome<never>

/**
 * `send`'s outcome, or UNANSWERED_AT_QUIT for one that leaves open whether it was done and comes
 * once `closed` says so; a failure that says it was not done keeps its own words.
 */
export async function answeredBeforeQuit<R>(
  send: () => CommandOutcome<R> | Promise<CommandOutcome<R>>,
  closed: () => boolean,
): Promise<CommandOutcome<R>> {
  const outcome = await send()
  return !outcome.ok && mayHaveHappened(outcome.error) && closed() ? UNANSWERED_AT_QUIT : outcome
}
