/** One attachment in a request's list: kind, name, size, the site its link opens, and Open. */
import type { MouseEvent } from 'react'
import type { Attachment } from '../../shared/protocol/entities'
import { cutText } from '../../shared/text-cut'
import { formatBytes } from '../logic/format'
import { linkHost, openableLink } from '../logic/link-host'

/** Props of AttachmentRow. */
export interface AttachmentRowProps {
  readonly attachment: Attachment
  /** A press on Open, with the link it opens. */
  readonly onOpen: (event: MouseEvent<HTMLAnchorElement>, url: string) => void
}

/** The row. */
export function AttachmentRow({ attachment, onOpen }: AttachmentRowProps) {
  // The name is the client's to choose; where the link goes is not, so it is shown too.
  const link = openableLink(attachment.url)
  const host = (link === null ? null : linkHost(link)) ?? 'an unreadable address'
  return (
    <li className="attachment">
      <span className="attachment-kind" aria-hidden="true">
        {kindOf(attachment.name)}
      </span>
      <bdi className="attachment-name">{attachment.name}</bdi>
      <span className="attachment-size muted">{formatBytes(attachment.sizeBytes)}</span>
      {/* Cut at its start when too long (its style), where "…bank.example.evil.example" keeps
        the site it belongs to; the host itself is still written left to right, isolated by
        LRI and PDI rather than in an element: an inline element as long as the host would
        reach past the window's edge (clipped, but there for whatever measures it). The whole
        link is its tooltip, given as the pointer comes: written into the markup it would carry
        every link twice, beside the Open link's own. */}
      <span
        className="attachment-host muted"
        onPointerEnter={link === null ? undefined : (event) => (event.currentTarget.title = link)}
      >
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
          onClick={(event) => onOpen(event, link)}
          aria-label={`Open ${attachment.name} on ${host}`}
        >
          Open
        </a>
      )}
    </li>
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
