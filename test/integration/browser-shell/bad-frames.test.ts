/**
 * Whatever a connection sends, the browser shell stays up: each malformed WebSocket frame (built
 * by hand and written to a raw TCP socket) closes only that connection, with a log line, and the
 * next page connects and is answered. Malformed calls nested far deeper than any real one are
 * refused without recursing over them.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserShell, type BrowserShell } from '../../../src/browser-shell/browser-shell'
import { IPC_SOCKET_PATH } from '../../../src/shared/ipc/shell-socket'
import { openShellPage } from '../../support/shell-page'
import { useTempDirs } from '../../support/temp-dir'

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9 } as const

/** One client frame: FIN set unless `fin` is false, masked unless `masked` is false. */
function frame(
  opcode: number,
  payload: Buffer,
  options: { fin?: boolean; rsv?: number; masked?: boolean; claimedLength?: number } = {},
): Buffer {
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode
  const masked = options.masked ?? true
  const length = options.claimedLength ?? payload.length
  const maskBit = masked ? 0x80 : 0
  let header: Buffer
  if (length < 126) header = Buffer.from([first, maskBit | length])
  else if (length < 0x10000) {
    header = Buffer.alloc(4)
    header.writeUInt8(first, 0)
    header.writeUInt8(maskBit | 126, 1)
    header.writeUInt16BE(length, 2)
  } else {
    header = Buffer.alloc(10)
    header.writeUInt8(first, 0)
    header.writeUInt8(maskBit | 127, 1)
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  if (!masked) return Buffer.concat([header, payload])
  const mask = randomBytes(4)
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))
  return Buffer.concat([header, mask, body])
}

const closeFrame = (code: number, reason = Buffer.alloc(0)): Buffer => {
  const body = Buffer.alloc(2)
  body.writeUInt16BE(code)
  return frame(OPCODE.close, Buffer.concat([body, reason]))
}

/** Every kind of frame a WebSocket server must refuse. */
const BAD_FRAMES: ReadonlyArray<readonly [string, Buffer]> = [
  ['a frame over the size limit', frame(OPCODE.binary, Buffer.alloc(16), { claimedLength: 2_000_000 })],
  ['a text frame that is not UTF-8', frame(OPCODE.text, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
  ['an unmasked frame', frame(OPCODE.text, Buffer.from('{"id":1}'), { masked: false })],
  ['a reserved data opcode', frame(0x3, Buffer.from('x'))],
  ['a reserved control opcode', frame(0xb, Buffer.from('x'))],
  ['RSV1 set without compression', frame(OPCODE.text, Buffer.from('{}'), { rsv: 0b100 })],
  ['RSV2 set', frame(OPCODE.text, Buffer.from('{}'), { rsv: 0b010 })],
  ['RSV3 set', frame(OPCODE.text, Buffer.from('{}'), { rsv: 0b001 })],
  ['a continuation with nothing to continue', frame(OPCODE.continuation, Buffer.from('x'))],
  ['a fragmented control frame', frame(OPCODE.ping, Buffer.from('x'), { fin: false })],
  ['a control frame over 125 bytes', frame(OPCODE.ping, Buffer.alloc(126))],
  ['a close frame with an invalid code', closeFrame(999)],
  ['a close frame whose reason is not UTF-8', closeFrame(1000, Buffer.from([0xc3, 0x28]))],
  ['a close frame of one byte', frame(OPCODE.close, Buffer.from([3]))],
  [
    'a new message in the middle of a fragmented one',
    Buffer.concat([
      frame(OPCODE.text, Buffer.from('{"id"'), { fin: false }),
      frame(OPCODE.text, Buffer.from(':1}')),
    ]),
  ],
]

/** Open the IPC socket over raw TCP, as our own page, and resolve once the upgrade is answered. */
async function rawConnection(shell: BrowserShell): Promise<Socket> {
  const { port } = new URL(shell.origin)
  const socket = connect(Number(port), '127.0.0.1')
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    [
      `GET ${IPC_SOCKET_PATH}?secret=${shell.secret} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: ${shell.origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  )
  const head = await new Promise<string>((resolve) => {
    let seen = ''
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1')
      if (!seen.includes('\r\n\r\n')) return
      socket.off('data', onData)
      resolve(seen)
    }
    socket.on('data', onData)
  })
  expect(head).toMatch(/^HTTP\/1\.1 101 /)
  return socket
}

/** Everything the shell sends until it closes the connection. */
function untilClosed(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks))))
}

/** `depth` arrays nested in one another, as JSON text. */
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

describe('the browser shell under malformed traffic', () => {
  const tempDir = useTempDirs()
  const warnings: string[] = []
  let shell: BrowserShell

  let dir: string
  beforeAll(async () => {
    // For the whole file: the shell outlives each test's temporary directories.
    dir = mkdtempSync(join(tmpdir(), 'standby-bad-frames-'))
    mkdirSync(join(dir, 'renderer'))
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Standby</title>')
    shell = await startBrowserShell({
      dataDir: join(dir, 'data'),
      rendererDir: join(dir, 'renderer'),
      firstFrameModule: null,
      log: { info: () => {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
      out: { write: () => true },
    })
  })
  afterAll(async () => {
    await shell.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(BAD_FRAMES)(
    'closes only the connection that sent %s, logs it, and answers the next page',
    async (_, bytes) => {
      const logged = warnings.length
      const socket = await rawConnection(shell)
      const closed = untilClosed(socket)
      socket.write(bytes)
      const answer = await closed
      // A close frame with a protocol-error code (1002, 1007 or 1009) before the connection ends.
      expect(answer[0]! & 0x0f).toBe(OPCODE.close)
      expect(warnings.length).toBeGreaterThan(logged)
      const page = await openShellPage(shell)
      expect(await page.call('connection.getState')).toMatchObject({ ok: true })
      page.ws.close()
    },
  )

  it('refuses an upgrade to a malformed address with 403, and answers the next page', async () => {
    const { port } = new URL(shell.origin)
    const socket = connect(Number(port), '127.0.0.1')
    const answer = untilClosed(socket)
    socket.write(
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${shell.origin}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    )
    expect((await answer).toString('latin1')).toMatch(/^HTTP\/1\.1 403 /)
    const page = await openShellPage(shell)
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    page.ws.close()
  })

  it('answers a malformed HTTP request with 400 and a log line, and serves the next one', async () => {
    const logged = warnings.length
    const { port } = new URL(shell.origin)
    const socket = connect(Number(port), '127.0.0.1')
    const answer = untilClosed(socket)
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n')
    expect((await answer).toString('latin1')).toMatch(/^HTTP\/1\.1 400 /)
    expect(warnings.length).toBeGreaterThan(logged)
    expect((await fetch(`${shell.origin}/`)).status).toBe(200)
  })

  it('says which port it could not listen on, instead of failing with an unhandled error', async () => {
    const { port } = new URL(shell.origin)
    const other = tempDir()
    await expect(
      startBrowserShell({
        dataDir: join(other, 'data'),
        rendererDir: join(other, 'renderer'),
        firstFrameModule: null,
        port: Number(port),
        log: { info: () => {}, warn: () => {}, error: () => {} },
        out: { write: () => true },
      }),
    ).rejects.toThrow(`could not listen on 127.0.0.1:${port} (EADDRINUSE)`)
  })

  it('refuses a call in a binary frame whose bytes are not UTF-8, as a text frame’s are, rather than mend them', async () => {
    const page = await openShellPage(shell)
    const logged = warnings.length
    const call = (id: number, query: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(`{"id":${id},"channel":"sessions.history","request":{"limit":20,"filter":{"query":"`),
        query,
        Buffer.from('"}}}'),
      ])
    const answers = new Map<number, unknown>()
    const heard = new Promise<void>((resolve) => {
      page.ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown }
        if (message.id !== undefined) answers.set(message.id, message.result)
        if (answers.size === 4) resolve()
      })
    })
    // A stray byte, a cut character, a surrogate written in UTF-8, and the same call well formed.
    page.ws.send(call(1, Buffer.from([0x72, 0xff, 0x65])), { binary: true })
    page.ws.send(call(2, Buffer.from([0xe2, 0x82])), { binary: true })
    page.ws.send(call(3, Buffer.from([0xed, 0xa0, 0x80])), { binary: true })
    page.ws.send(call(4, Buffer.from('réact')), { binary: true })
    await heard
    for (const id of [1, 2, 3])
      expect(answers.get(id)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringContaining('not UTF-8 text') },
      })
    expect(answers.get(4)).toMatchObject({ ok: true })
    expect(warnings.slice(logged).some((line) => line.includes('not UTF-8 text'))).toBe(true)
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    page.ws.close()
  })

  it('names an unknown call escaped and whole-charactered, so its name can neither forge nor reorder log lines', async () => {
    const page = await openShellPage(shell)
    const logged = warnings.length
    const forged = 'x\n2026-01-01T00:00:00.000Z ERROR forged line\u202e'
    const cutEmoji = `${'a'.repeat(59)}😀`
    for (const channel of [forged, cutEmoji]) {
      const answer = (await page.call(channel)) as { ok: boolean; error: { code: string; message: string } }
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect(answer.error.message.isWellFormed()).toBe(true)
      expect(answer.error.message).not.toMatch(/[\n\u202e]/)
    }
    const lines = warnings.slice(logged)
    expect(lines.some((line) => line.includes('unknown IPC channel'))).toBe(true)
    for (const line of lines) {
      expect(line).not.toMatch(/[\n\u202e]/)
      expect(line.isWellFormed()).toBe(true)
    }
    page.ws.close()
  })

  it('refuses calls nested ten thousand levels deep with invalid_payload, and goes on answering', async () => {
    const page = await openShellPage(shell)
    const answers = new Map<number, unknown>()
    const deep = nested(10_000)
    const texts = [
      `{"id":1,"channel":${deep}}`,
      `{"id":2,"channel":"invites.accept","request":{"inviteId":${deep}}}`,
      `{"id":3,"channel":"settings.update","request":${deep}}`,
      `{"id":4,"channel":"sessions.history","request":{"limit":${deep}}}`,
      `{"id":${deep},"channel":"app.getInfo"}`,
    ]
    const heard = new Promise<void>((resolve) => {
      page.ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown }
        if (message.id !== undefined) answers.set(message.id, message.result)
        if (answers.size === 4) resolve()
      })
    })
    for (const text of texts) page.ws.send(text)
    await heard
    for (const id of [1, 2, 3, 4])
      expect(answers.get(id)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    page.ws.close()
  })
})
