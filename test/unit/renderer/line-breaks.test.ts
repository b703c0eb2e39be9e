// Text that keeps its line breaks when stored (descriptions, messages: shared/text-normalise.ts)
// keeps them on screen: HTML would otherwise draw each break as a space.
import { describe, expect, it } from 'vitest'
import { stylesheetRule } from '../../support/stylesheet-rule'

describe('line breaks a client or the expert typed', () => {
  it('show in a request’s description', () => {
    expect(stylesheetRule('invites.css', '.description-text')).toMatch(/white-space:\s*pre-line/)
  })

  it('show in a message of a thread', () => {
    expect(stylesheetRule('invites.css', '.bubble-body')).toMatch(/white-space:\s*pre-line/)
  })
})
