/**
 * The raw baseline of the invite → card bench: a plain `ws` server pushing a small JSON message
 * to a minimal page that inserts the same card markup the app rendered.
 */
import { MAIN_WINDOW_SIZE } from '../src/shared/window-sizes'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright'
import { WebSocketServer, type WebSocket } from 'ws'
import { bounded, now, ObservedPage } from './observed-page'

/** The baseline: a plain WebSocket server and a page that inserts the card it is sent. */
export interface BaselineSide {
  readonly socket: WebSocket
  readonly page: ObservedPage
}

function baselinePage(card: string): string {
  const template = card.replace(/<\/script/gi, '<\\/script')
  return `<!doctype html><meta charset="utf-8"><title>baseline</title><main id="list"></main>
<template id="card">${template}</template>
<script>
  const list = document.getElementById('list')
  const card = document.getElementById('card').content.firstElementChild
  const socket = new WebSocket('ws://' + location.host + '/')
  socket.onmessage = (message) => {
    const m = JSON.parse(message.data)
    if (m.type === 'remove') return list.querySelector('[data-id="' + m.id + '"]')?.remove()
    const element = card.cloneNode(true)
    element.dataset.id = m.id
    element.querySelector('.invite-title').textContent = m.title
    list.prepend(element)
  }
</script>`
}

export async function startBaseline(
  browser: Browser,
  card: string,
  closers: Array<() => Promise<unknown>>,
): Promise<BaselineSide> {
  const http: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(baselinePage(card)),
  )
  const wss = new WebSocketServer({ server: http })
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => http.close(() => resolve()))
      }),
  )
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const connected = bounded(
    new Promise<WebSocket>((resolve) => wss.once('connection', resolve)),
    () => 'The baseline page did not open its WebSocket',
  )
  const context = await browser.newContext({ viewport: { ...MAIN_WINDOW_SIZE } })
  closers.push(() => context.close())
  const page = await ObservedPage.open(
    context,
    `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    'baseline',
  )
  return { socket: await connected, page }
}

/** One card through the baseline: pushed, shown, removed, gone. Returns the page's latency. */
export async function baselineRound(side: BaselineSide, round: number): Promise<number> {
  const title = `Bench invite ${round}`
  const id = `raw_${round}`
  const open = (): string =>
    `its socket is ${side.socket.readyState === side.socket.OPEN ? 'open' : 'closed'}`
  const shown = side.page.next('shown', title, open)
  const started = now()
  side.socket.send(JSON.stringify({ type: 'add', id, title }))
  const at = await shown
  const gone = side.page.next('gone', title, open)
  side.socket.send(JSON.stringify({ type: 'remove', id }))
  await gone
  return at - started
}
