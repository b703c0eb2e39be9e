// The platform run from a terminal whose output is piped to a reader that quits
// (`npm run server 2>&1 | head`): it goes on serving the app connected to it.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { useBuiltScript } from '../../support/built-script'

const cli = useBuiltScript(new URL('../../../server/src/cli.ts', import.meta.url))

/** Sends bytes that are not HTTP, which the platform refuses and logs; resolves once it hung up. */
async function sendGarbage(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  socket.resume()
  socket.end('not http at all\r\n\r\n')
  await once(socket, 'close')
}

describe('the platform whose output lost its reader', () => {
  let child: ChildProcess | undefined
  let dir: string | undefined
  afterEach(() => {
    child?.kill('SIGKILL')
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('goes on serving when what read its output and log is gone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'standby-reader-gone-'))
    const server = spawn(process.execPath, [cli(), '--port', '0', '--db', join(dir, 'platform.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = server
    const url = await new Promise<URL>((resolve, reject) => {
      server.once('exit', () => reject(new Error('the platform stopped before it listened')))
      createInterface({ input: server.stdout! }).on('line', (line) => {
        const listening = /^Standby platform listening on (\S+)/.exec(line)
        if (listening) resolve(new URL(listening[1]!))
      })
    })
    server.stdout!.destroy()
    server.stderr!.destroy()
    // Each refusal is a log line written into the closed pipe.
    for (let n = 0; n < 5; n++) await sendGarbage(Number(url.port))
    const reply = await fetch(new URL('/no-such-page', url))
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect(server.exitCode).toBeNull()
  }, 30_000)
})
