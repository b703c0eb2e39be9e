/**
 * The page's side of the host's pre-rendered frame: the page's <head> names the frame, and its
 * data is fetched once, as early as the entry runs, so it is there by the time React loads.
 */
import {
  FIRST_FRAME_META_NAME,
  firstFramePath,
  parseFirstFrame,
  type FirstFrame,
} from '../../shared/first-frame'

let request: Promise<FirstFrame | null> | undefined

function frameId(): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${FIRST_FRAME_META_NAME}"]`)?.content || null
}

/** True when the host sent this page with a pre-rendered frame. */
export function hasFirstFrame(): boolean {
  return frameId() !== null
}

/** The frame's data (fetched on the first call); null when there is none or it cannot be read. */
export function fetchFirstFrame(): Promise<FirstFrame | null> {
  return (request ??= (async () => {
    const id = frameId()
    if (id === null) return null
    try {
      const response = await fetch(firstFramePath(id), { cache: 'no-store' })
      return response.ok ? parseFirstFrame(await response.text()) : null
    } catch {
      // No data: the page draws the window itself, reading through IPC as always.
      return null
    }
  })())
}
