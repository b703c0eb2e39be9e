/**
 * A button that shows or hides a part of the page (messages, a request's details, a long
 * description): it says which it will do and tells assistive technology whether the part is open.
 */

/** What the button toggles and how it reads in each state. */
export interface DisclosureButtonProps {
  readonly open: boolean
  readonly onToggle: () => void
  /** The id of the part it shows, when that part is always in the page while open. */
  readonly controls?: string
  readonly className: string
  /** The label while the part is shown (what a press does: hide it). */
  readonly openLabel: string
  /** The label while the part is hidden. */
  readonly closedLabel: string
}

/** A show/hide button for one part of the page. */
export function DisclosureButton({
  open,
  onToggle,
  controls,
  className,
  openLabel,
  closedLabel,
}: DisclosureButtonProps) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {open ? openLabel : closedLabel}
    </button>
  )
}
