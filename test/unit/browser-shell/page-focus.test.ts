import { describe, expect, it } from 'vitest'
import { trackPageFocus } from '../../../src/browser-shell/page-focus'

/** A tracker whose core-side focus is read back as the set of surfaces the core thinks focused. */
function tracked() {
  const core = new Set<string>()
  const focus = trackPageFocus<string>(
    (surface, focused) => {
      if (focused) core.add(surface)
      else core.delete(surface)
    },
    { info: () => undefined },
  )
  return { core, focus }
}

describe('the browser shell’s page focus', () => {
  it('gives up a page’s focus when its socket closes without the page saying so', () => {
    const { core, focus } = tracked()
    focus.report('tab', 'window', true)
    expect(core).toEqual(new Set(['window']))
    focus.closed('tab')
    expect(core).toEqual(new Set())
  })

  it('keeps the surface focused while another page of it still has the focus', () => {
    const { core, focus } = tracked()
    focus.report('second tab', 'window', true)
    // The first tab's blur arrives after the second tab's focus.
    focus.report('first tab', 'window', false)
    expect(core).toEqual(new Set(['window']))
    focus.report('first tab', 'window', true)
    focus.closed('first tab')
    expect(core).toEqual(new Set(['window']))
    focus.closed('second tab')
    expect(core).toEqual(new Set())
  })

  it('leaves the core alone when a page that held no focus closes', () => {
    const { core, focus } = tracked()
    focus.report('popover', 'popover', true)
    focus.report('window', 'window', false)
    focus.closed('window')
    expect(core).toEqual(new Set(['popover']))
  })
})
