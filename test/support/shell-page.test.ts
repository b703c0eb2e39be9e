import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { expect, it } from 'vitest'
import type { BrowserShell } from '../../src/browser-shell/browser-shell'
import { useCleanup } from './cleanup'
import { openShellPage } from './shell-page'

const defer = useCleanup()

it('hears a push the shell sends as the socket opens, before any answer that follows it', async () => {
  // A stand-in for the shell: one push at once, as the shell's page resume does, then answers.
  const http = createServer()
  const wss = new WebSocketServer({ server: http })
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ event: 'cache.changed', payload: 'at open' }))
    ws.on('message', (data) =>
      ws.send(JSON.stringify({ id: (JSON.parse(String(data)) as { id: number }).id, result: 'answered' })),
    )
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  defer(() => new Promise<void>((resolve) => http.close(() => resolve())))
  defer(() => wss.close())
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const page = await openShellPage({ origin, secret: 'run-secret' } as BrowserShell)
  defer(() => page.ws.terminate())
  // The answer comes after the push on the same socket: once it is in, so is the push.
  expect(await page.call('app.getInfo')).toBe('answered')
  expect(page.pushes).toEqual([{ event: 'cache.changed', payload: 'at open' }])
})
