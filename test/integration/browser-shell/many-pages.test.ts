/**
 * A page that opens sockets to the shell and never closes them cannot make it hold one outbox per
 * socket without end: past the bound, the oldest page is closed with a code that says why, and
 * the newest is answered.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MOST_PAGES } from '../../../src/browser-shell/ipc-socket-server'
import { TOO_MANY_PAGES_CLOSE } from '../../../src/shared/ipc/shell-socket'
import { rawIpcPage } from '../../support/ipc-socket-host'
import { openShellPage, startBareShell, type ShellPage } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

it('closes the oldest page once more are connected than it keeps, and answers the newest', async () => {
  const pages: ShellPage[] = []
  for (let i = 0; i < MOST_PAGES; i++) pages.push(await openShellPage(bare.shell))
  const oldest = pages[0]!
  const closed = new Promise<[number, string]>((resolve) =>
    oldest.ws.once('close', (code, reason) => resolve([code, String(reason)])),
  )

  const newest = await openShellPage(bare.shell)

  expect(await closed).toEqual([TOO_MANY_PAGES_CLOSE.code, TOO_MANY_PAGES_CLOSE.reason])
  expect(await newest.call('connection.getState')).toMatchObject({ ok: true })
  for (const page of [...pages.slice(1), newest]) expect(page.ws.readyState).toBe(page.ws.OPEN)
})

it('lets go of the oldest page’s connection once closed, though the page never answers the close', async () => {
  const stuck = rawIpcPage(bare.shell.origin, bare.shell.secret)
  let received = ''
  const opened = new Promise<void>((resolve) =>
    stuck.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
      if (received.includes('\r\n\r\n')) resolve()
    }),
  )
  const gone = new Promise<void>((resolve) => stuck.once('close', () => resolve()))
  await opened
  expect(received).toMatch(/^HTTP\/1\.1 101 /)
  // Pages the shell opens one after another: a loop that never closes one would hold them all.
  const pages: ShellPage[] = []
  for (let i = 0; i < MOST_PAGES; i++) pages.push(await openShellPage(bare.shell))
  await gone
  expect(await pages.at(-1)!.call('connection.getState')).toMatchObject({ ok: true })
  for (const page of pages) page.ws.close()
}, 10_000)
