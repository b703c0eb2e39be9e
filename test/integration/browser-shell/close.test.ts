/**
 * Closing the shell (the app quitting) does not wait for its pages: a page still open, a request
 * half sent or a socket that never answers must not keep it running.
 */
import { connect, type Socket } from 'node:net'
import { expect, it } from 'vitest'
import { POWER_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import { openShellPage, startBareShell } from '../../support/shell-page'

function connected(origin: string): Promise<Socket> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket))
    socket.once('error', reject)
  })
}

function closedByPeer(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()))
}

it('closes with a request body half sent, headers half sent and a page connected, and drops them', async () => {
  const { shell, close } = await startBareShell()
  // A hook request whose body never finishes arriving: the shell is still reading it.
  const halfSent = await connected(shell.origin)
  halfSent.write(
    `POST ${POWER_HOOK_PATH} HTTP/1.1\r\nHost: ${new URL(shell.origin).host}\r\n` +
      `x-standby-secret: ${shell.secret}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ev`,
  )
  // Headers that never end.
  const halfHeaders = await connected(shell.origin)
  halfHeaders.write(`GET / HTTP/1.1\r\nHost: ${new URL(shell.origin).host}\r\nX-Slow: `)
  const page = await openShellPage(shell)
  expect(await page.call('connection.getState')).toMatchObject({ ok: true })
  const dropped = [closedByPeer(halfSent), closedByPeer(halfHeaders)]

  await close()

  await Promise.all(dropped)
  await expect(fetch(`${shell.origin}/`)).rejects.toThrow()
})

it('closes with a refused IPC upgrade whose client keeps its side open', async () => {
  const { shell, close } = await startBareShell()
  const { hostname, port } = new URL(shell.origin)
  const refused = await new Promise<Socket>((resolve, reject) => {
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true }, () => resolve(socket))
    socket.once('error', reject)
  })
  let answer = ''
  refused.on('data', (chunk: Buffer) => (answer += chunk.toString()))
  const answered = new Promise<void>((resolve) => refused.once('end', () => resolve()))
  // No secret, so the shell refuses it; the client never closes its side.
  refused.write(
    `GET /ipc HTTP/1.1\r\nHost: ${new URL(shell.origin).host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  )
  await answered
  expect(answer).toMatch(/^HTTP\/1\.1 403/)

  await close()

  refused.destroy()
  await expect(fetch(`${shell.origin}/`)).rejects.toThrow()
})
