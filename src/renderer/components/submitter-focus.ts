/**
 * Enter in a form's field sends the form from that field; a form that disables its fields while
 * its action runs would then take the focus away from under the expert's keyboard.
 */
import type { FormEvent } from 'react'

/**
 * Move the focus to the button that sends `event`'s form (the default button, for Enter in a
 * field): an ActionButton stays focusable while its action runs, so focus waits there, beside the
 * sentence a refusal shows, and Enter tries again.
 */
export function focusSubmitter(event: FormEvent<HTMLFormElement>): void {
  const submitter = (event.nativeEvent as SubmitEvent).submitter
  if (submitter instanceof HTMLElement && submitter !== document.activeElement) submitter.focus()
}
