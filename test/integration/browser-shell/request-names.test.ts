/**
 * Every name a request carries must be the shell's own, as the platform's front door requires of
 * its names: a second Host header (Node reads only the first, a proxy in front may act on the
 * last) or a whole URL of another host in the request line (which HTTP says wins over Host) is a
 * request meant for another name, refused for the page and for the IPC socket alike.
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { IPC_SOCKET_PATH } from '../../../src/shared/ipc/shell-socket'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

/** The status line the shell answers a request with `target` and `headers` (one per line) with. */
async function statusOf(target: string, headers: string, upgrade = false): Promise<string> {
  const handshake = upgrade
    ? `Origin: ${bare.shell.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n`
    : 'Connection: close\r\n'
  const { port } = new URL(bare.shell.origin)
  // Read up to the end of the answer's head: a socket it takes stays open after its 101.
  return new Promise((resolve, reject) => {
    let heard = ''
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\n${headers}${handshake}\r\n`),
    )
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      heard += chunk
      if (!heard.includes('\r\n\r\n')) return
      socket.destroy()
      resolve(heard.slice(0, heard.indexOf('\r\n')))
    })
    socket.once('error', reject)
    socket.once('close', () => resolve(heard.slice(0, heard.indexOf('\r\n'))))
  })
}

it('refuses a request that names another host besides its own, in a second Host or in its request line', async () => {
  const { host } = new URL(bare.shell.origin)
  const socket = `${IPC_SOCKET_PATH}?secret=${bare.shell.secret}`
  const misnamed = [
    { target: '/', headers: `Host: ${host}\r\nHost: evil.example\r\n` },
    { target: '/', headers: `Host: ${host}\r\nhost: ${host}\r\n` },
    { target: 'http://evil.example/', headers: `Host: ${host}\r\n` },
    { target: `http://evil.example:${new URL(bare.shell.origin).port}/`, headers: `Host: ${host}\r\n` },
    // The authority hidden behind a user name, which URL would leave out of the host it reads.
    { target: `http://evil.example@${host}/`, headers: `Host: ${host}\r\n` },
  ]
  for (const { target, headers } of misnamed) {
    expect(await statusOf(target, headers), target + headers).toMatch(/^HTTP\/1\.1 421 /)
    const ipcTarget = target === '/' ? socket : `${target.slice(0, -1)}${socket}`
    expect(await statusOf(ipcTarget, headers, true), ipcTarget + headers).toMatch(/^HTTP\/1\.1 403 /)
  }
})

it('still serves a request that names only its own host, in the header and in a whole URL', async () => {
  const { host } = new URL(bare.shell.origin)
  expect(await statusOf('/', `Host: ${host}\r\n`)).toMatch(/^HTTP\/1\.1 200 /)
  expect(await statusOf(`${bare.shell.origin}/`, `Host: ${host}\r\n`)).toMatch(/^HTTP\/1\.1 200 /)
  const socket = `${IPC_SOCKET_PATH}?secret=${bare.shell.secret}`
  expect(await statusOf(`${bare.shell.origin}${socket}`, `Host: ${host}\r\n`, true)).toMatch(
    /^HTTP\/1\.1 101 /,
  )
})
