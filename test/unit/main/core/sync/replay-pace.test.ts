import { describe, expect, it } from 'vitest'
import { FULL_PAGE, largerPage, smallerPage } from '../../../../../src/main/core/sync/replay-pace'
import { MIN_REPLAY_PAGE_BYTES } from '../../../../../src/shared/protocol'

describe('replay pace', () => {
  it('halves after a slow page down to one event, and grows back to the full page', () => {
    let page = FULL_PAGE
    for (let i = 0; i < 20; i++) page = smallerPage(page)
    expect(page).toEqual({ limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES })
    for (let i = 0; i < 20; i++) page = largerPage(page)
    expect(page).toEqual(FULL_PAGE)
  })
})
