import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ReactElement } from 'react'
import { ActionButton, actionButton } from '../../../src/renderer/components/ActionButton'

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

  it('refuses presses but stays focusable when it cannot be pressed while it has the focus', () => {
    let pressed = 0
    const props = {
      pending: false,
      disabled: true,
      pendingLabel: 'Booking…',
      onClick: () => void pressed++,
      children: 'Book',
    }
    const button = actionButton(props, { focused: true, onFocusChange: () => undefined }) as ReactElement<{
      disabled: boolean
      'aria-disabled'?: boolean
      onClick: (event: { preventDefault(): void }) => void
    }>
    expect(button.props.disabled).toBe(false)
    expect(button.props['aria-disabled']).toBe(true)
    button.props.onClick({ preventDefault: () => undefined })
    expect(pressed).toBe(0)
  })
})
