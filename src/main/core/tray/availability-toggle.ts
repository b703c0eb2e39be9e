/**
 * The tray's "Available for invites": the change goes to the platform as the window's does, and
 * one that fails is told in a notification and the window's notices, since a menu has no place
 * to say it and the expert who picked it may not open the window.
 */
import type { CommandOutcome } from '../../../shared/command-outcome'
import { mayHaveHappened } from '../../../shared/unanswered-command'
import { asSentence } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'
import { CALL_AT_QUIT } from '../ipc/closed-api'

/** The availability the tray's toggle switches between. */
export type ToggledAvailability = 'online' | 'away'

/** What the toggle needs: how to set the availability, and how to tell the expert. */
export interface AvailabilityToggleDeps {
  readonly set: (availability: ToggledAvailability) => Promise<CommandOutcome<unknown>>
  /** A notification and a window notice with this title and sentence. */
  readonly tell: (title: string, body: string) => void
  readonly log: Logger
  /** Whether the runtime has closed (Standby is quitting): the change is then refused, unsent. */
  readonly closed?: () => boolean
  /** Who is signed in: a pick made while waiting is not sent once another expert, or none, is. */
  readonly signedInAs?: () => string | null
}

const COULD_NOT = { online: 'Could not make you available', away: 'Could not set you away' } as const
const NO_ANSWER = {
  online: 'No answer to making you available',
  away: 'No answer to setting you away',
} as const

/**
 * Sends the toggle's change; settles once it is answered (and a failure told). The menu shows the
 * platform's word until it answers, so quick clicks all pick the same change: one is sent at a
 * time, a pick made meanwhile goes after it only if it differs from what was sent (the last pick
 * wins), and a run of clicks costs one command and at most one notice.
 */
export function availabilityToggle(
  deps: AvailabilityToggleDeps,
): (availability: ToggledAvailability) => Promise<void> {
  let sending: ToggledAvailability | null = null
  let picked: ToggledAvailability | null = null
  let pickedBy: string | null = null
  let done: Promise<void> = Promise.resolve()
  const run = async (first: ToggledAvailability): Promise<void> => {
    let next: ToggledAvailability | null = first
    try {
      while (next !== null) {
        sending = next
        picked = null
        await sendOne(deps, next)
        next = picked !== null && picked !== sending ? picked : null
        const now = deps.signedInAs?.() ?? null
        if (next !== null && now !== pickedBy) {
          // The expert who picked it is gone: their choice is not made for whoever signed in.
          deps.log.info(
            `The tray's availability (${next}) was not sent: the expert who picked it signed out.`,
          )
          next = null
        }
      }
    } finally {
      sending = null
      picked = null
    }
  }
  return (availability) => {
    if (sending !== null) {
      picked = availability
      pickedBy = deps.signedInAs?.() ?? null
      return done
    }
    done = run(availability)
    return done
  }
}

async function sendOne(deps: AvailabilityToggleDeps, availability: ToggledAvailability): Promise<void> {
  if (deps.closed?.() === true) {
    deps.log.info(`The tray's availability (${availability}) was refused: ${CALL_AT_QUIT}`)
    deps.tell(COULD_NOT[availability], CALL_AT_QUIT)
    return
  }
  const outcome = await deps.set(availability)
  if (outcome.ok) return
  const why = asSentence(outcome.error.message)
  deps.log.warn(`Could not change availability from the tray (${availability}): ${why}`)
  // Sent and not answered: "could not" would say it was not done, which nobody knows.
  const title = mayHaveHappened(outcome.error) ? NO_ANSWER[availability] : COULD_NOT[availability]
  deps.tell(title, `${why} The tray shows your availability as the platform last said it.`)
}
