/**
 * Closing the shell (the app quitting) does not wait for its pages: a page still open, a request
 * half sent or a socket that never answers must not keep it running.
 */
import { connect, type Socket } from 'node:net'
import { expect, it } from 'vitest'
import { POWER_HOOK_PATH } from '../../../src/browser-shell/browser-shell'
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
