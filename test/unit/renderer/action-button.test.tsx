import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ActionButton } from '../../../src/renderer/components/ActionButton'

describe('ActionButton', () => {
  it('stays focusable while its action runs, even when the form disables its other controls', () => {
    const html = renderToStaticMarkup(
      <ActionButton pending disabled pendingLabel="Booking…">
        Book
      </ActionButton>,
    )
    expect(html).not.toMatch(/ disabled=""/)
    expect(html).toContain('aria-disabled="true"')
    expect(html).toContain('Booking…')
  })

  it('is disabled when it cannot be pressed and nothing runs', () => {
    const html = renderToStaticMarkup(
      <ActionButton pending={false} disabled pendingLabel="Booking…">
        Book
      </ActionButton>,
    )
    expect(html).toMatch(/ disabled=""/)
  })
})
