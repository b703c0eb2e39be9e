/** A page's IPC WebSocket to a browser shell, as the renderer opens it, for integration tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import {
  startBrowserShell,
  type BrowserShell,
  type BrowserShellOptions,
} from '../../src/browser-shell/browser-shell'
import { IPC_SOCKET_PATH } from '../../src/shared/ipc/shell-socket'

/** An open page: its socket, the pushes it heard, and a call helper that resolves with the answer. */
export interface ShellPage {
  readonly ws: WebSocket
  readonly pushes: Array<{ event: string; payload: unknown }>
  call(channel: string, request?: unknown): Promise<unknown>
}

/**
 * Open a socket to `shell` as `openShellPage` does and resolve with the code the shell closes it
 * with; rejects with the HTTP status when the shell refuses it at the handshake.
 */
export async function shellCloseCode(
  shell: BrowserShell,
  headers: Record<string, string>,
  secret: string,
): Promise<number> {
  const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?secret=${secret}`, {
    headers,
  })
  return new Promise<number>((resolve, reject) => {
    ws.once('close', (code) => resolve(code))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

/** Open the IPC socket as `shell`'s own page would (its origin and this run's secret, unless given). */
export async function openShellPage(
  shell: BrowserShell,
  headers: Record<string, string> = { origin: shell.origin },
  secret = shell.secret,
): Promise<ShellPage> {
  const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?secret=${secret}`, {
    headers,
  })
  const pushes: Array<{ event: string; payload: unknown }> = []
  const answers = new Map<number, (result: unknown) => void>()
  // Heard from before the socket opens: what came in the handshake's own packet is read on the
  // turn the socket opens, before anything awaiting the open goes on.
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number
      result?: unknown
      event?: string
      payload?: unknown
    }
    if (message.id !== undefined) answers.get(message.id)?.(message.result)
    else pushes.push({ event: String(message.event), payload: message.payload })
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
  let id = 0
  return {
    ws,
    pushes,
    call: (channel, request) =>
      new Promise<unknown>((resolve) => {
        const n = ++id
        answers.set(n, resolve)
        ws.send(JSON.stringify({ id: n, channel, request }))
      }),
  }
}

/**
 * A quiet browser shell over a one-line renderer in a fresh temp folder, for tests of the shell
 * itself; `close()` stops it and removes the folder.
 */
export async function startBareShell(
  more: Partial<BrowserShellOptions> = {},
): Promise<{ shell: BrowserShell; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-shell-'))
  const rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Standby</title>')
  const quiet = { info: () => {}, warn: () => {}, error: () => {} }
  const shell = await startBrowserShell({
    dataDir: join(dir, 'data'),
    rendererDir,
    log: quiet,
    out: { write: () => true },
    ...more,
  })
  return {
    shell,
    async close() {
      await shell.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** One plain HTTP request with `headers` (a Host of its own, say), answered with its status, headers and text. */
export function request(url: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    },
  )
}
