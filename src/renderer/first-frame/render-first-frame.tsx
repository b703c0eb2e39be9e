/**
 * The host's pre-render of a page's first frame (see src/shared/first-frame.ts). Built for Node
 * into out/first-frame by `npm run build`; the hosts load that file, never this source.
 */
import { renderToString } from 'react-dom/server'
import type { RenderFirstFrame } from '../../shared/first-frame'
import { setDisplay } from '../logic/format'
import { Root } from '../Root'
import { frameServices } from './frame-services'

/** The markup of the page's #root for this frame, with dates in the frame's locale and time zone. */
export const renderFirstFrame: RenderFirstFrame = (frame) => {
  setDisplay({ locale: frame.locale, timeZone: frame.timeZone })
  return renderToString(<Root services={frameServices(frame)} surface={frame.surface} />)
}
