/**
 * How the cache tells an availability pick's key from a command's retry key: both live in its
 * `retry_keys`, each kind bounded on its own, so a burst of picks never pushes out the key of a
 * message whose outcome is still open (and the message then going twice under a new key).
 */

/** What the cache keeps a pick's key under, before the key itself: no command's name reads so. */
export const PICKED_HERE = 'availability.set picked here '

/** How many of the latest picks' keys are kept: far more than picks ever wait at once. */
export const MOST_PICK_KEYS = 16

/** Whether a row kept under `command` holds a pick's key rather than a command's retry key. */
export function isPickKeyRow(command: string): boolean {
  return command.startsWith(PICKED_HERE)
}
