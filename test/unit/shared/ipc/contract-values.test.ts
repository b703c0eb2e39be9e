import { describe, expect, it } from 'vitest'
import { invokeContract } from '../../../../src/shared/ipc/contract'

describe('the IPC contract’s values', () => {
  it('normalises the message an expert writes before it leaves for the platform', () => {
    const send = invokeContract['messages.send'].request
    expect(send.parse({ requestId: 'req_1', body: ' Hi \u0000\r\nthere ' }).body).toBe('Hi \nthere')
    expect(send.safeParse({ requestId: 'req_1', body: 'Hi \ud83d there' }).success).toBe(false)
    expect(send.safeParse({ requestId: 'req_1', body: '\u0000\u0007' }).success).toBe(false)
  })

  it('refuses a sign-in whose email or password holds a broken character', () => {
    const signIn = invokeContract['auth.signIn'].request
    const good = { platformUrl: 'http://127.0.0.1:4455', email: 'a@example.test', password: 'pass' }
    expect(signIn.safeParse(good).success).toBe(true)
    expect(signIn.safeParse({ ...good, password: 'pass\ud800' }).success).toBe(false)
    expect(signIn.safeParse({ ...good, email: 'a\udc00@example.test' }).success).toBe(false)
  })

  it('sends the email as typed but without the spaces around it, and the password untouched', () => {
    const signIn = invokeContract['auth.signIn'].request
    const typed = { platformUrl: 'http://127.0.0.1:4455', email: ' Ada@Example.test\t', password: ' pass ' }
    expect(signIn.parse(typed)).toMatchObject({ email: 'Ada@Example.test', password: ' pass ' })
  })

  it('refuses a settings change whose platform address is huge, without reading it through', () => {
    const update = invokeContract['settings.update'].request
    const huge = update.safeParse({ platformUrl: `https://a.test${'/'.repeat(1_000_000)}x` })
    expect(huge.success).toBe(false)
    expect(update.safeParse({ platformUrl: 'https://platform.example.com' }).success).toBe(true)
  })

  it('refuses a history cursor or thread id no entity could have', () => {
    const history = invokeContract['sessions.history'].request
    const at = Date.UTC(2026, 0, 5, 9)
    expect(history.safeParse({ limit: 50, after: { start: at, id: 'ses_1' } }).success).toBe(true)
    expect(
      history.safeParse({ limit: 50, after: { start: Number.MAX_SAFE_INTEGER, id: 'ses_1' } }).success,
    ).toBe(false)
    const thread = invokeContract['messages.list'].request
    expect(thread.safeParse({ requestId: 'req 1' }).success).toBe(false)
  })
})
