import { describe, expect, it } from 'vitest'
import {
  Attachment,
  commandSchemas,
  Entered,
  fitText,
  IdempotencyKey,
  Id,
  MessageBody,
  PersonName,
  RequestDescription,
  RequestTitle,
  Session,
  Text,
  Written,
} from '../../../../src/shared/protocol'
import { aSession, endedSession } from '../../../support/fixtures'

const LONE_HIGH = '\ud83d'
const LONE_LOW = '\ude00'

describe('Text', () => {
  it('turns lone surrogates into one replacement character each, so the limit holds as stored', () => {
    const title = 'x'.repeat(150) + LONE_LOW.repeat(25) + LONE_HIGH.repeat(25)
    const parsed = RequestTitle.parse(title)
    expect(parsed).toHaveLength(200)
    expect(parsed.isWellFormed()).toBe(true)
    expect(parsed.endsWith('\ufffd'.repeat(50))).toBe(true)
  })

  it('keeps whole surrogate pairs (emoji) as they are', () => {
    expect(RequestTitle.parse('Deploy fails 😀 again')).toBe('Deploy fails 😀 again')
  })

  it('drops NUL and other control characters, and counts the limit after dropping them', () => {
    expect(RequestTitle.parse('a\u0000b\u001b[31mred\u007f\u009b')).toBe('ab[31mred')
    expect(RequestTitle.safeParse('x'.repeat(200) + '\u0000'.repeat(50)).success).toBe(true)
    expect(Entered(RequestTitle, 'The title').safeParse('\u0000\u0007').success).toBe(false)
  })

  it('puts one-line fields on one line and keeps line breaks and tabs where text may have them', () => {
    expect(PersonName.parse('Sam\r\nOrtiz\tJr.\u2028')).toBe('Sam  Ortiz Jr.')
    expect(MessageBody.parse('line one\r\nline two\rline three\u2029\tindented\u000c')).toBe(
      'line one\nline two\nline three\n\tindented',
    )
  })

  it('refuses text entered that is empty once normalised, unless the field may be empty, saying why', () => {
    const refused = Written(MessageBody, 'The message').safeParse(' \n\t ')
    expect(refused.error?.issues[0]?.message).toBe(
      'The message holds only spaces or characters that draw nothing; type some text and send it again',
    )
    expect(Entered(RequestDescription, 'The description').parse('  \u0000 ')).toBe('')
    expect(RequestDescription.parse('  \u0000 ')).toBe('')
    expect(Written(MessageBody, 'The message').safeParse('').error?.issues[0]?.message).toBe(
      'The message is empty; type some text and send it again',
    )
    expect(Entered(PersonName, 'The name').safeParse('').success).toBe(false)
    expect(Entered(RequestDescription, 'The description').parse('')).toBe('')
    expect(Text({ max: 3 }).safeParse('abcd').success).toBe(false)
  })

  it('reads text stored by a platform of another version that is empty once normalised as U+FFFD, losing nothing', () => {
    // Such a name or title failed its whole event or invite, which the expert then never saw.
    expect(PersonName.parse('\u200d')).toBe('\ufffd')
    expect(RequestTitle.parse('\u0000\u0007')).toBe('\ufffd')
    expect(MessageBody.parse(' \n\t ')).toBe('\ufffd')
    // So did an empty one, from a platform of another version or a faulty one.
    expect(PersonName.parse('')).toBe('\ufffd')
    expect(MessageBody.parse('')).toBe('\ufffd')
    expect(RequestDescription.parse('')).toBe('')
  })

  it('changes nothing the second time: the app accepts exactly what the platform stored', () => {
    const samples = [`a${LONE_LOW}b\r\n\u0000c\t`, ` ${LONE_HIGH}\u0085x `, 'plain']
    for (const sample of samples) {
      for (const schema of [RequestTitle, RequestDescription, MessageBody]) {
        const once = schema.parse(sample)
        expect(schema.parse(once)).toBe(once)
      }
    }
  })

  it('refuses a message being sent with a broken character, saying so, and still normalises the rest', () => {
    const send = commandSchemas['message.send'].payload
    const broken = send.safeParse({ requestId: 'req_1', body: 'y'.repeat(4_999) + LONE_HIGH })
    expect(broken.success).toBe(false)
    expect(broken.error?.issues[0]?.message).toMatch(/broken character.*retype it/)
    expect(send.parse({ requestId: 'req_1', body: ' Hi\r\nthere\u0000 ' }).body).toBe('Hi\nthere')
  })

  it('refuses the same broken character in a closing note, and an empty or oversized one', () => {
    const end = commandSchemas['session.end'].payload
    const base = { sessionId: 'ses_1', outcome: { kind: 'free' } }
    expect(end.safeParse({ ...base, closingNote: `Thanks ${LONE_HIGH}` }).success).toBe(false)
    expect(end.safeParse({ ...base, closingNote: '  \n ' }).success).toBe(false)
    expect(end.safeParse({ ...base, closingNote: 'x'.repeat(5_001) }).success).toBe(false)
    expect(end.parse({ ...base, closingNote: ' Thanks! ' }).closingNote).toBe('Thanks!')
    expect(end.parse(base).closingNote).toBeUndefined()
  })
})

describe('fitText', () => {
  it('cuts text stored before normalising to its limit, and never leaves a required field empty', () => {
    expect(fitText(RequestTitle, 'Fine as it is')).toBe('Fine as it is')
    expect(fitText(RequestTitle, 'x'.repeat(150) + '\ufffd'.repeat(150))).toBe(
      'x'.repeat(150) + '\ufffd'.repeat(50),
    )
    expect(fitText(PersonName, '\u0000')).toBe('\ufffd')
    expect(fitText(RequestDescription, '\u0000')).toBe('')
  })
})

describe('tokens and links', () => {
  it('refuses ids and idempotency keys that are not visible ASCII, rather than rewriting them', () => {
    expect(Id.safeParse('inv_3f2a9c1e').success).toBe(true)
    expect(Id.safeParse(`inv_${LONE_HIGH}`).success).toBe(false)
    expect(Id.safeParse('inv 1').success).toBe(false)
    expect(Id.safeParse('inv\u00001').success).toBe(false)
    expect(IdempotencyKey.safeParse('6f1c1a52-4a5b-4f7e-9d36-2f6a4d8a5b11').success).toBe(true)
    expect(IdempotencyKey.safeParse(`key-${LONE_LOW}-0001`).success).toBe(false)
  })

  it('stores an attachment link percent-encoded and counts its limit that way', () => {
    const attachment = { name: `log${LONE_HIGH}.txt`, sizeBytes: 10, mimeType: 'text/plain' }
    const parsed = Attachment.parse({ ...attachment, url: `https://files.example/${LONE_LOW}` })
    expect(parsed).toEqual({
      ...attachment,
      name: 'log\ufffd.txt',
      url: 'https://files.example/%EF%BF%BD',
    })
    const long = `https://files.example/${'é'.repeat(400)}`
    expect(long.length).toBeLessThan(2048)
    expect(Attachment.safeParse({ ...attachment, url: long }).success).toBe(false)
  })
})

describe('a session’s closing note as read', () => {
  it('is no note when another platform stored nothing to read, and stays the note otherwise', () => {
    const ended = endedSession(aSession(), Date.UTC(2026, 11, 6))
    // A lone U+FFFD is what an older platform sent for such a note, reading it as a message.
    for (const empty of ['', '  \n ', '\u200d\u2800', '\ufffd', ' \ufffd\n']) {
      expect(Session.parse({ ...ended, closingNote: empty }).closingNote).toBeNull()
    }
    expect(Session.parse({ ...ended, closingNote: null }).closingNote).toBeNull()
    expect(Session.parse({ ...ended, closingNote: ' Thanks! \n' }).closingNote).toBe('Thanks!')
    expect(Session.parse({ ...ended, closingNote: 'Thanks \ufffd' }).closingNote).toBe('Thanks \ufffd')
    expect(Session.safeParse({ ...ended, closingNote: 42 }).success).toBe(false)
  })
})
