/**
 * A client that sends a request slowly, or never finishes it, cannot hold a connection to the
 * shell open: past the shell's timeouts it gets 408 and the connection is closed. The timeouts are
 * shortened here so the test waits for the close, not for the app's own bounds.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { POWER_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell({
    httpTimeouts: { headersMs: 300, requestMs: 600, answerMs: 30_000, checkEveryMs: 50 },
  })
})
afterAll(() => bare.close())

/** A raw connection that sends `text` and resolves with all it heard once the shell closes it. */
async function heardUntilClosed(text: string): Promise<string> {
  const { hostname, port } = new URL(bare.shell.origin)
  const socket = await new Promise<Socket>((resolve, reject) => {
    const opened = connect(Number(port), hostname, () => resolve(opened))
    opened.once('error', reject)
  })
  let heard = ''
  socket.on('data', (chunk: Buffer) => (heard += chunk.toString()))
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.write(text)
  await closed
  return heard
}

it('answers 408 and closes a connection whose headers never end', async () => {
  const heard = await heardUntilClosed(
    `GET / HTTP/1.1\r\nHost: ${new URL(bare.shell.origin).host}\r\nX-Slow: `,
  )
  expect(heard).toMatch(/^HTTP\/1\.1 408/)
})

it('answers 408 and closes a connection whose body never ends', async () => {
  const heard = await heardUntilClosed(
    `POST ${POWER_HOOK_PATH} HTTP/1.1\r\nHost: ${new URL(bare.shell.origin).host}\r\n` +
      `x-standby-secret: ${bare.shell.secret}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ev`,
  )
  expect(heard).toMatch(/^HTTP\/1\.1 408/)
})
