/**
 * A client that asks for a page and never reads the answer cannot hold a connection to the shell,
 * nor the answer in the shell's memory, for good: past the shell's bound its connection is closed.
 * The bound is shortened here so the test waits for the close, not for the app's own bound.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startBareShell } from '../../support/shell-page'

/** Larger than loopback's socket buffers take in on their own, so the answer waits in the shell. */
const BIG_FILE_BYTES = 16 * 1024 * 1024

let bare: Awaited<ReturnType<typeof startBareShell>>
let rendererDir: string
let closedDeaf: Promise<string>

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'standby-unread-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Standby</title>')
  writeFileSync(join(rendererDir, 'big.js'), Buffer.alloc(BIG_FILE_BYTES, 0x20))
  let heard: (line: string) => void = () => undefined
  closedDeaf = new Promise((resolve) => (heard = resolve))
  const log = {
    info: () => {},
    warn: (line: string) => {
      if (line.includes('did not take its answer')) heard(line)
    },
    error: () => {},
  }
  bare = await startBareShell({
    rendererDir,
    log,
    httpTimeouts: { headersMs: 10_000, requestMs: 20_000, answerMs: 300, checkEveryMs: 50 },
  })
})
afterAll(async () => {
  await bare.close()
  rmSync(rendererDir, { recursive: true, force: true })
})

it('closes a connection whose client does not read its answer, and says so in the log', async () => {
  const { hostname, port } = new URL(bare.shell.origin)
  const socket = await new Promise<Socket>((resolve, reject) => {
    const opened = connect(Number(port), hostname, () => resolve(opened))
    opened.once('error', reject)
  })
  // Nothing is read until the shell has given up on the client.
  socket.pause()
  socket.write(`GET /big.js HTTP/1.1\r\nHost: ${new URL(bare.shell.origin).host}\r\n\r\n`)
  expect(await closedDeaf).toMatch(/closed a connection whose client did not take its answer/)
  let received = 0
  socket.on('data', (chunk: Buffer) => (received += chunk.length))
  socket.on('error', () => undefined)
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve())
    socket.resume()
  })
  // The connection ended before the whole answer: the shell let go of the rest.
  expect(received).toBeLessThan(BIG_FILE_BYTES)
  // The shell goes on answering everyone else.
  expect((await fetch(`${bare.shell.origin}/`)).status).toBe(200)
})
