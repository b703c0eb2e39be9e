import { afterEach, describe, expect, it, vi } from 'vitest'
import { CALL_NOT_DONE } from '../../../../src/shared/ipc/call-phrases'
import { INVOKE_CHANNELS } from '../../../../src/shared/ipc/channel-names'
import { buildStandbyApi } from '../../../../src/shared/ipc/standby-api'

afterEach(() => vi.restoreAllMocks())

describe('what a call that never reached Standby tells the expert', () => {
  it.each(INVOKE_CHANNELS)('says what %s does in words, never its channel name', (channel) => {
    const phrase = CALL_NOT_DONE[channel]
    expect(phrase).toMatch(/^[A-Z].* not /)
    expect(phrase).not.toMatch(/\w\.\w/)
    // No code word either: a method such as `startBilling` is written out as words.
    expect(phrase).not.toMatch(/[a-z][A-Z]/)
  })

  it('tells the expert what was not done and what to do, and keeps the channel for the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const api = buildStandbyApi({
      invoke: () => Promise.reject(new Error("No handler registered for 'messages.send'")),
      subscribe: () => () => undefined,
    })
    const result = await api.messages.send({ requestId: 'r1', body: 'Hello' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'transport_failed',
        message:
          'Your message was not sent: the window could not reach Standby. Try again; if it keeps failing, restart Standby.',
      },
    })
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('messages.send did not reach the app: No handler'),
    )
  })
})
