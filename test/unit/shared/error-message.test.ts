import { describe, expect, it } from 'vitest'
import { MAX_ERROR_MESSAGE_LENGTH, asSentence, errorMessage } from '../../../src/shared/error-message'

describe('errorMessage', () => {
  it("is an error's message, or anything else thrown as text", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full')
    expect(errorMessage('plain')).toBe('plain')
    expect(errorMessage(42)).toBe('42')
    expect(errorMessage(undefined)).toBe('undefined')
  })

  it('reads the causes after the error, each once, and never says "[object Object]"', () => {
    const refused = new Error('Could not save your settings', {
      cause: new Error('write failed', { cause: { code: 'ENOSPC', errno: -28 } }),
    })
    expect(errorMessage(refused)).toBe('Could not save your settings: write failed: code ENOSPC')
    expect(errorMessage({ message: 'socket hang up', cause: { detail: {} } })).toBe('socket hang up')
    expect(errorMessage(new Error('', { cause: 'timed out' }))).toBe('timed out')
    expect(errorMessage(new Error('Closed.', { cause: new Error('reset by peer') }))).toBe(
      'Closed. reset by peer',
    )
    expect(errorMessage(new Error('fetch failed: ECONNRESET', { cause: new Error('ECONNRESET') }))).toBe(
      'fetch failed: ECONNRESET',
    )
    expect(errorMessage({ reason: 'x' })).toBe('an error that cannot be shown as text')
    const looped: Error & { cause?: unknown } = new Error('outer')
    looped.cause = new Error('inner', { cause: looped })
    expect(errorMessage(looped)).toBe('outer: inner')
  })

  it('says once a cause its wrapper quotes on one line without its stop', () => {
    const loader = new Error("The module 'x.node'\nwas compiled against\r\nanother Node.js.")
    const wrapped = new Error(
      "The driver does not load (The module 'x.node' was compiled against another Node.js): rebuild it.",
      { cause: loader },
    )
    expect(errorMessage(wrapped)).toBe(wrapped.message)
  })

  it('never throws, whatever was thrown: a value with no text, or one whose reading throws', () => {
    const unreadable = new Proxy(new Error('hidden'), {
      get: () => {
        throw new Error('no reading')
      },
    })
    const unprintable = {
      [Symbol.toPrimitive]: () => {
        throw new Error('no text')
      },
    }
    for (const value of [Object.create(null), unreadable, unprintable]) {
      expect(errorMessage(value)).toBe('an error that cannot be shown as text')
    }
  })

  it('never throws for a proxy whose prototype cannot be read (revoked, or a trap that throws)', () => {
    const revocable = Proxy.revocable({}, {})
    revocable.revoke()
    const noPrototype = new Proxy(
      { message: 'still told' },
      {
        getPrototypeOf: () => {
          throw new Error('no prototype')
        },
      },
    )
    expect(errorMessage(revocable.proxy)).toBe('an error that cannot be shown as text')
    expect(errorMessage(noPrototype)).toBe('still told')
    expect(errorMessage(new Error('outer', { cause: revocable.proxy }))).toBe('outer')
  })

  it('is bounded however long the messages, so a dialog or a status line stays readable', () => {
    const huge = 'x'.repeat(1_000_000)
    const chain = new Error(huge, { cause: new Error(`y${huge}`, { cause: new Error(`z${huge}`) }) })
    for (const value of [new Error(huge), chain, { message: huge }, huge]) {
      const said = errorMessage(value)
      expect(said.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH)
      expect(said.startsWith('xxxx')).toBe(true)
      expect(said.endsWith('…')).toBe(true)
    }
    const cutFirst = errorMessage(
      new Error(`Could not open the cache ${'x'.repeat(100)}`, { cause: new Error(huge) }),
    )
    expect(cutFirst.startsWith('Could not open the cache xxx')).toBe(true)
    expect(cutFirst.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH)
  })
})

describe('asSentence', () => {
  it('ends a sentence that has no stop, and leaves one that has, a cut one with its ellipsis too', () => {
    expect(asSentence(' Request req_1 is closed, not open ')).toBe('Request req_1 is closed, not open.')
    expect(asSentence('Done already!')).toBe('Done already!')
    expect(asSentence('This session was cancelled because the client…')).toBe(
      'This session was cancelled because the client…',
    )
  })

  it.each([
    ['a Japanese stop', 'アカウントは停止中です。', 'アカウントは停止中です。'],
    ['a full-width question mark', '再試行しますか？', '再試行しますか？'],
    ['a stop inside quotes', 'The desk said "on hold."', 'The desk said "on hold."'],
    ['a stop inside brackets', '(Back on Monday.)', '(Back on Monday.)'],
    ['a clause left open', 'On hold until:', 'On hold until.'],
    ['brackets without a stop', 'On hold (see the status page)', 'On hold (see the status page).'],
    ['an Arabic question mark', 'هل الحساب موقوف؟', 'هل الحساب موقوف؟'],
    ['a Devanagari stop', 'खाता रोका गया है।', 'खाता रोका गया है।'],
    ['an Urdu stop', 'اکاؤنٹ معطل ہے۔', 'اکاؤنٹ معطل ہے۔'],
    [
      'a URL that ends in a bracket',
      'See https://status.example/Outage_(May)',
      'See https://status.example/Outage_(May).',
    ],
    ['a picture', 'Down for maintenance 🔧', 'Down for maintenance 🔧.'],
  ])('ends %s with one stop, never two', (_, text, sentence) => {
    expect(asSentence(text)).toBe(sentence)
  })
})
