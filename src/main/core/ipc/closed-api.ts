/**
 * The calls of a runtime that has closed (Standby is quitting): each is refused with a sentence
 * for the page, not run against a closed cache, where it failed with the driver's words and a log
 * error, and a sign-in reached the platform for a token no one would keep.
 */
import type { AppApi } from '../app-api'
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
