/**
 * A request's attachments: name, size, the site the link opens, and an Open link. In the app the
 * host hands the link to the system browser; in a plain browser the link opens a tab itself.
 */
import type { MouseEvent } from 'react'
import type { Attachment } from '../../shared/protocol/entities'
import { cutText } from '../../shared/text-cut'
import { formatBytes } from '../logic/format'
import { linkHost, openableLink } from '../logic/link-host'
import { useServices } from '../store/context'
import { fromCall } from '../logic/action-result'
import { ActionError } from './ActionButton'
import { useAction } from './use-action'

/** The attachment list; nothing when there are none. */
export function Attachments({ attachments }: { readonly attachments: ReadonlyArray<Attachment> }) {
  const { api, inBrowser } = useServices()
  // An open the host refused or could not carry out (no default browser, a burst of opens) is
  // said under the list: a press that does nothing leaves the expert guessing.
  const opening = useAction(async (url: string) =>
    fromCall('open the attachment', await api.shell.openExternal(url)),
  )
  if (attachments.length === 0) return null
  const open = (event: MouseEvent<HTMLAnchorElement>, url: string): void => {
    // In the app the host opens the system browser, so the link must not open a window too; in
    // a plain browser the link opens the tab and the host only records the wish.
    if (!inBrowser) event.preventDefault()
    void opening.run(url)
  }
  return (
    <>
      <ul className="attachments" aria-label="Attachments">
        {attachments.map((attachment, index) => {
          // The name is the client's to choose; where the link goes is not, so it is shown too.
          const link = openableLink(attachment.url)
          const host = (link === null ? null : linkHost(link)) ?? 'an unreadable address'
          return (
            // By place: two attachments may share a link, and a key must be unique.
            <li key={index} className="attachment">
              <span className="attachment-kind" aria-hidden="true">
                {kindOf(attachment.name)}
              </span>
              <bdi className="attachment-name">{attachment.name}</bdi>
              <span className="attachment-size muted">{formatBytes(attachment.sizeBytes)}</span>
              {/* Cut at its start when too long (its style), where "…bank.example.evil.example" keeps
                the site it belongs to; the host itself is still written left to right, isolated by
                LRI and PDI rather than in an element: an inline element as long as the host would
                reach past the window's edge (clipped, but there for whatever measures it). */}
              <span className="attachment-host muted" title={link ?? undefined}>
                {`${LEFT_TO_RIGHT_ISOLATE}${host}${POP_DIRECTIONAL_ISOLATE}`}
              </span>
              {link === null ? (
                <span className="attachment-open muted">Cannot be opened</span>
              ) : (
                <a
                  className="attachment-open"
                  href={link}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={(event) => open(event, link)}
                  aria-label={`Open ${attachment.name} on ${host}`}
                >
                  Open
                </a>
              )}
            </li>
          )
        })}
      </ul>
      <ActionError message={opening.error} />
    </>
  )
}

/** Starts a run written left to right whatever surrounds it (as `<bdi dir="ltr">` would). */
const LEFT_TO_RIGHT_ISOLATE = '\u2066'
/** Ends it. */
const POP_DIRECTIONAL_ISOLATE = '\u2069'

/**
 * "PNG" from "screenshot.png": a short type label (the font may have no emoji). The name is the
 * client's, so the extension is cut between whole characters: a cut inside an emoji would show
 * half of it as a broken character.
 */
function kindOf(name: string): string {
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? cutText(name.slice(dot + 1), 4).toUpperCase() : ''
  return extension === '' ? 'FILE' : extension
}
