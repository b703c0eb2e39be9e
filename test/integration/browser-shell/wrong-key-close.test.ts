/**
 * A socket presenting another run's key is told so with a close frame, then let go: a client that
 * never answers the close frame (a local program, a stuck tab) must not hold the connection open,
 * and a page that answers it, as a browser does, must not be reset under its answer (Chromium
 * then reports an abnormal close and loses the code, and the page knocks again).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { rawIpcPage } from '../../support/ipc-socket-host'
import { recordingLog } from '../../support/recording-log'
import { startBareShell } from '../../support/shell-page'
import { WRONG_KEY_CLOSE } from '../../../src/shared/ipc/shell-socket'

/** The close code of the first frame after the handshake's answer, once it has all arrived. */
function closeCodeIn(received: Buffer): number | undefined {
  const end = received.indexOf('\r\n\r\n')
  if (end < 0) return undefined
  const frame = received.subarray(end + 4)
  if (frame.length < 4 || frame[0] !== 0x88) return undefined
  return frame.readUInt16BE(2)
}

/** A client's frame (masked, as a client's must be): text, or a close with its code. */
function maskedFrame(opcode: 0x81 | 0x88, content: string | number): Buffer {
  const mask = Buffer.from([1, 2, 3, 4])
  const payload = typeof content === 'string' ? Buffer.from(content) : Buffer.alloc(2)
  if (typeof content === 'number') payload.writeUInt16BE(content)
  const masked = payload.map((byte, i) => byte ^ mask[i % 4]!)
  return Buffer.concat([Buffer.from([opcode, 0x80 | payload.length]), mask, masked])
}

describe('the browser shell closing a socket that holds another run key', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  it('sends its close code and drops the connection without waiting for the page to answer', async () => {
    const bare = await startBareShell({ log: recordingLog() })
    close = bare.close
    const socket = rawIpcPage(bare.shell.origin, 'earlier-run')
    let received = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])))
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    // Never answers the close frame: the shell must end the connection on its own.
    await ended
    expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /)
    expect(closeCodeIn(received)).toBe(WRONG_KEY_CLOSE.code)
  }, 10_000)

  it('reads what a page sends as it opens, so its answer to the close frame is not met by a reset', async () => {
    const bare = await startBareShell({ log: recordingLog() })
    close = bare.close
    // Each round a page reloaded: its calls race the shell's close, as a tab's did under load.
    for (let round = 0; round < 10; round++) {
      const socket = rawIpcPage(bare.shell.origin, 'earlier-run')
      const errors: string[] = []
      socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message))
      let received = Buffer.alloc(0)
      let opened = false
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk])
        if (opened || !received.includes('\r\n\r\n')) return
        opened = true
        // As a page does: its first calls at once, then, a moment later, more, and its own close
        // frame once it has read the shell's. A reset fails those writes (Chromium then reports
        // an abnormal close and drops the shell's code, and the page knocks again).
        socket.write(maskedFrame(0x81, '{"id":1,"channel":"app.info"}'))
        setImmediate(() => {
          socket.write(maskedFrame(0x81, '{"id":2,"channel":"settings.get"}'))
          socket.write(maskedFrame(0x88, WRONG_KEY_CLOSE.code))
        })
      })
      await new Promise<void>((resolve) => socket.once('close', () => resolve()))
      expect(closeCodeIn(received)).toBe(WRONG_KEY_CLOSE.code)
      expect(errors).toEqual([])
    }
  })
})
