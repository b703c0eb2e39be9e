import { describe, expect, it } from 'vitest'
import { draftAfterSending } from '../../../src/renderer/logic/draft-after-sending'

describe('the message box after a send', () => {
  it('empties when it still holds what was sent', () => {
    expect(draftAfterSending('Which version?', 'Which version?')).toBe('')
  })

  it('keeps what was typed after the sent text, without the space between', () => {
    expect(draftAfterSending('Which version? And on iOS?', 'Which version?')).toBe('And on iOS?')
    expect(draftAfterSending('Which version?\n\nAlso iOS', 'Which version?')).toBe('Also iOS')
  })

  it('keeps a box rewritten meanwhile as it is', () => {
    expect(draftAfterSending('Something else', 'Which version?')).toBe('Something else')
    expect(draftAfterSending('', 'Which version?')).toBe('')
  })
})
