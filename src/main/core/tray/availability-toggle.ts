/**
 * The tray's "Available for invites": the change goes to the platform as the window's does, and
 * one that fails is told in a notification and the window's notices, since a menu has no place
 * to say it and the expert who picked it may not open the window.
 */
import type { CommandOutcome } from '../../../shared/command-outcome'
import { asSentence } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'

/** The availability the tray's toggle switches between. */
export type ToggledAvailability = 'online' | 'away'

/** What the toggle needs: how to set the availability, and how to tell the expert. */
export interface AvailabilityToggleDeps {
  readonly set: (availability: ToggledAvailability) => Promise<CommandOutcome<unknown>>
  /** A notification and a window notice with this title and sentence. */
  readonly tell: (title: string, body: string) => void
  readonly log: Logger
}

/** Sends the toggle's change; settles once it is answered (and a failure told). */
export function availabilityToggle(
  deps: AvailabilityToggleDeps,
): (availability: ToggledAvailability) => Promise<void> {
  return async (availability) => {
    const outcome = await deps.set(availability)
    if (outcome.ok) return
    const why = asSentence(outcome.error.message)
    deps.log.warn(`Could not change availability from the tray (${availability}): ${why}`)
    deps.tell(
      availability === 'online' ? 'Could not make you available' : 'Could not set you away',
      `${why} The tray shows your availability as the platform last said it.`,
    )
  }
}
