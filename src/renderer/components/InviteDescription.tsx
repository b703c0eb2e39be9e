/**
 * A request's description on its invite card: clamped to a few lines, with Show more, when long.
 * A clamped description lays out only its opening: a hundred cards each holding a description of
 * the longest kind would otherwise lay out every line of each, shown or not, on opening the window
 * and on every resize. The rest stays in the page, hidden until found: find in page reaches it,
 * and finding it opens the description.
 */
import { useCallback, useState } from 'react'
import { cutBeforeWord } from '../../shared/text-cut'
import { DisclosureButton } from './DisclosureButton'
import { HiddenUntilFound } from './HiddenUntilFound'

const LONG_DESCRIPTION = 320
/** The lines a clamped description shows (`.clamped` in invites.css). */
const CLAMPED_LINES = 4
/** What a clamped description lays out: more than its lines hold at any width of the window. */
const CLAMPED_OPENING = 1_500
/** A word the opening's end would split is left whole to the rest, up to this long (a long link). */
const LONGEST_WORD_KEPT_WHOLE = 300

/** The description, whole or clamped. */
export function InviteDescription({ text }: { readonly text: string }) {
  const [expanded, setExpanded] = useState(false)
  // Long in characters or in lines: a short text of many line breaks would otherwise stand whole,
  // pushing the card's actions a screen or more down.
  const long = text.length > LONG_DESCRIPTION || text.split('\n', CLAMPED_LINES + 1).length > CLAMPED_LINES
  const clamped = long && !expanded
  const opening = clamped ? cutBeforeWord(text, CLAMPED_OPENING, LONGEST_WORD_KEPT_WHOLE) : text
  const open = useCallback(() => setExpanded(true), [])
  return (
    <div className="description">
      <p className={clamped ? 'description-text clamped' : 'description-text'}>{opening}</p>
      {opening !== text && (
        <HiddenUntilFound className="description-text" text={text.slice(opening.length)} onFound={open} />
      )}
      {long && (
        <DisclosureButton
          className="link-button"
          open={expanded}
          onToggle={() => setExpanded((value) => !value)}
          openLabel="Show less"
          closedLabel="Show more"
        />
      )}
    </div>
  )
}
