import { describe, expect, it } from 'vitest'
import { MessageDraft } from '../../../src/shared/protocol/entities'
import { isBlankText } from '../../../src/shared/text-normalise'

describe('isBlankText', () => {
  it('says blank exactly where a required message is refused as empty', () => {
    const drafts = [
      '',
      '   ',
      '\n\t',
      '\u200b',
      '\u2060\u200b \ufeff',
      '\u0007\u001b',
      '\u202e',
      'a',
      ' . ',
      '\u200d',
    ]
    for (const draft of drafts) {
      expect(isBlankText(draft), JSON.stringify(draft)).toBe(!MessageDraft.safeParse(draft).success)
    }
    expect(isBlankText('\u200b\u2060')).toBe(true)
    expect(isBlankText('ok')).toBe(false)
  })
})
