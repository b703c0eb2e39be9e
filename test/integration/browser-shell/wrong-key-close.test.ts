/**
 * A socket presenting another run's key is told so with a close frame, then let go: a client that
 * never answers the close frame (a local program, a stuck tab) must not hold the connection open.
 */
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLog } from '../../support/recording-log'
import { startBareShell } from '../../support/shell-page'
import { IPC_SOCKET_PATH, WRONG_KEY_CLOSE } from '../../../src/shared/ipc/shell-socket'

describe('the browser shell closing a socket that holds another run key', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  it('sends its close code and drops the connection without waiting for the page to answer', async () => {
    const bare = await startBareShell({ log: recordingLog() })
    close = bare.close
    const { origin } = bare.shell
    const url = new URL(origin)
    const socket = connect(Number(url.port), url.hostname)
    let received = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])))
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    socket.write(
      [
        `GET ${IPC_SOCKET_PATH}?secret=earlier-run HTTP/1.1`,
        `Host: ${url.host}`,
        `Origin: ${origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '',
        '',
      ].join('\r\n'),
    )
    // Never answers the close frame: the shell must end the connection on its own.
    await ended
    const text = received.toString('latin1')
    expect(text).toMatch(/^HTTP\/1\.1 101 /)
    const frame = received.subarray(received.indexOf('\r\n\r\n') + 4)
    expect(frame[0]).toBe(0x88)
    expect(frame.readUInt16BE(2)).toBe(WRONG_KEY_CLOSE.code)
  }, 10_000)
})
