/**
 * A request's attachments: name, size, the site the link opens, and an Open link. In the app the
 * host hands the link to the system browser; in a plain browser the link opens a tab itself.
 * A long list shows its first few with "Show all N attachments": a window of requests each
 * carrying the most attachments allowed would otherwise draw every row of every card on opening.
 * The names of the rest stay in the page, hidden until found: find in page reaches them and opens
 * the list.
 */
import { useCallback, useId, useLayoutEffect, useRef, useState, type MouseEvent } from 'react'
import type { Attachment } from '../../shared/protocol/entities'
import { useServices } from '../store/context'
import { fromCall } from '../logic/action-result'
import { ActionError } from './ActionButton'
import { AttachmentRow } from './AttachmentRow'
import { DisclosureButton } from './DisclosureButton'
import { HiddenUntilFound } from './HiddenUntilFound'

/** The rows a long list shows until the expert asks for all of them. */
export const ATTACHMENTS_SHOWN_FIRST = 3

/** Props of Attachments. */
export interface AttachmentsProps {
  readonly attachments: ReadonlyArray<Attachment>
  /**
   * Every row at once, with no "Show all": a request opened on a live session's card, one card
   * the expert works from with the client rather than one of a window of invites.
   */
  readonly whole?: boolean
}

/** The attachment list; nothing when there are none. */
export function Attachments({ attachments, whole = false }: AttachmentsProps) {
  const { api, inBrowser } = useServices()
  const id = useId()
  const [showingAll, setShowingAll] = useState(false)
  const showAll = useCallback(() => setShowingAll(true), [])
  const list = useRef<HTMLUListElement>(null)
  // The rows the button shows come above it: focus left on the button, the next Tab would go on
  // past them to the card's actions, and a screen reader would read on below them. So a press
  // that shows them takes the focus to the first of them (one found in page leaves focus alone).
  const focusFirstShown = useRef(false)
  useLayoutEffect(() => {
    if (!showingAll || !focusFirstShown.current) return
    focusFirstShown.current = false
    const row = list.current?.children[ATTACHMENTS_SHOWN_FIRST]
    if (!(row instanceof HTMLElement)) return
    row.tabIndex = -1
    row.focus()
  }, [showingAll])
  const toggle = (): void => {
    focusFirstShown.current = !showingAll
    setShowingAll(!showingAll)
  }
  // An open the host refused or could not carry out (no default browser, a burst of opens) is
  // said under the list: a press that does nothing leaves the expert guessing.
  const [openError, setOpenError] = useState<string | null>(null)
  if (attachments.length === 0) return null
  // Every press reaches the host, also one while an earlier open is on its way (the next file,
  // pressed at once): held back as a second press of one action, it would do nothing. The host
  // bounds a burst of opens.
  const open = (event: MouseEvent<HTMLAnchorElement>, url: string): void => {
    // In the app the host opens the system browser, so the link must not open a window too; in
    // a plain browser the link opens the tab and the host only records the wish.
    if (!inBrowser) event.preventDefault()
    setOpenError(null)
    void api.shell.openExternal(url).then((answer) => {
      const opened = fromCall('open the attachment', answer)
      if (!opened.ok) setOpenError(opened.message)
    })
  }
  // A button in place of a single row would save nothing: a list one longer stands whole.
  const long = !whole && attachments.length > ATTACHMENTS_SHOWN_FIRST + 1
  const shown = long && !showingAll ? attachments.slice(0, ATTACHMENTS_SHOWN_FIRST) : attachments
  const rest = attachments.slice(shown.length)
  return (
    <>
      {/* One block in the card: the card's gap is not to open between the list and its button. */}
      <div className="attachments-group">
        <ul ref={list} id={`${id}-list`} className="attachments" aria-label="Attachments">
          {shown.map((attachment, index) => (
            // By place: two attachments may share a link, and a key must be unique.
            <AttachmentRow key={index} attachment={attachment} onOpen={open} />
          ))}
        </ul>
        {rest.length > 0 && (
          <HiddenUntilFound
            className="attachments-rest"
            text={rest.map((attachment) => attachment.name).join('\n')}
            onFound={showAll}
          />
        )}
        {long && (
          <DisclosureButton
            className="link-button attachments-toggle"
            open={showingAll}
            controls={`${id}-list`}
            onToggle={toggle}
            openLabel="Show fewer attachments"
            closedLabel={`Show all ${attachments.length} attachments`}
          />
        )}
      </div>
      <ActionError message={openError} />
    </>
  )
}
