/**
 * Text kept out of the layout and out of sight until find in page finds it
 * (`hidden="until-found"`), which then calls `onFound` for its owner to show it as it should be
 * shown. Find in page is what reaches it: a card can stay short (a clamped description, attachments
 * past the first few) without its words going missing from a search.
 */
import { useLayoutEffect, useRef } from 'react'

/** Props of HiddenUntilFound. */
export interface HiddenUntilFoundProps {
  readonly text: string
  readonly onFound: () => void
  readonly className?: string
}

/**
 * The hidden text. React writes `hidden` only as a boolean, so the value is set once mounted. The
 * text is written then too, not rendered, which spares the host's pre-rendered frame the bulk of a
 * window of long requests. Until then the frame is inert, which find in page skips, or (inside a
 * part React takes over after the root comes alive, such as the section) simply without the text:
 * a search in the moment before React takes the part over misses it.
 */
export function HiddenUntilFound({ text, onFound, className }: HiddenUntilFoundProps) {
  const element = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const hidden = element.current
    if (hidden === null) return
    hidden.setAttribute('hidden', 'until-found')
    hidden.addEventListener('beforematch', onFound)
    return () => hidden.removeEventListener('beforematch', onFound)
  }, [onFound])
  useLayoutEffect(() => {
    // React renders no children here, so it never reconciles (or overwrites) this text.
    if (element.current !== null) element.current.textContent = text
  }, [text])
  return <div ref={element} hidden className={className} />
}
