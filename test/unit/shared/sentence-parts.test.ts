import { describe, expect, it } from 'vitest'
import { nameInSentence, titleInSentence } from '../../../src/shared/sentence-parts'

const LRM = '\u200e'

describe('a client’s words held apart in the app’s sentence', () => {
  it('are held apart whenever they hold anything written right to left, not only some scripts’ letters', () => {
    const rightToLeft = [
      'سارة أحمد',
      'דוד',
      // A right-to-left mark, which text keeps for the writers who need it, before Latin letters:
      // the line would be laid out from the right, the app's words reordered around the name.
      '\u200fSam Okafor',
      // Letters of right-to-left scripts beyond Arabic and Hebrew: Phoenician, Kharoshthi, Old
      // Hungarian, Yezidi, Mende Kikakui.
      'Sam \u{10900}\u{10901}',
      '\u{10A10}\u{10A11}',
      '\u{10C80}\u{10C81}',
      '\u{10E80}\u{10E81}',
      '\u{1E800}\u{1E801}',
    ]
    for (const name of rightToLeft) {
      expect(nameInSentence(name), JSON.stringify(name)).toBe(`${LRM}${name}${LRM}`)
      expect(titleInSentence(name), JSON.stringify(name)).toBe(`${LRM}${name}${LRM}`)
    }
  })

  it('leave words written left to right as they are', () => {
    for (const name of ['Sam Okafor', 'Zoë Ünal', '王芳', 'Игорь', 'Sam 🙂', 'नमस्ते']) {
      expect(nameInSentence(name)).toBe(name)
    }
  })
})
