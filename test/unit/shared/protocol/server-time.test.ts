import { describe, expect, it } from 'vitest'
import { CommandAck, Welcome } from '../../../../src/shared/protocol'

describe('the platform’s time on the wire', () => {
  it('is read from a welcome and an acknowledgement, and may be absent', () => {
    const welcome = { protocolVersion: 1, expertId: 'exp_1', latestEventId: 0 }
    expect(Welcome.parse({ ...welcome, serverTime: 1_767_603_600_000 }).serverTime).toBe(1_767_603_600_000)
    expect(Welcome.parse(welcome).serverTime).toBeUndefined()
    expect(CommandAck.parse({ ok: true, result: 1, serverTime: 1_767_603_600_000 })).toEqual({
      ok: true,
      result: 1,
      serverTime: 1_767_603_600_000,
    })
  })

  it('is dropped when it is not a time, and the answer it came with still counts', () => {
    for (const serverTime of ['noon', -1, 1.5, Number.MAX_VALUE, { at: 1 }]) {
      expect(CommandAck.parse({ ok: true, result: 'kept', serverTime })).toEqual({ ok: true, result: 'kept' })
      expect(
        Welcome.parse({ protocolVersion: 1, expertId: 'exp_1', latestEventId: 0, serverTime }).serverTime,
      ).toBeUndefined()
    }
  })
})
