/**
 * A page of the browser shell, built as the renderer builds it (the WebSocket bridge and the app
 * store), updates from the `cache.changed` pushes alone: a new invite and a client's message reach
 * it without one call back into the cache.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BrowserShell } from '../../../src/browser-shell/browser-shell'
import { IPC_SOCKET_PATH } from '../../../src/shared/ipc/shell-socket'
import { webSocketTransport } from '../../../src/renderer/browser-bridge'
import { createAppStore, type AppState } from '../../../src/renderer/store/app-store'
import type { NoticeStore } from '../../../src/renderer/store/notices'
import type { CacheChange } from '../../../src/shared/ipc/contract'
import { buildStandbyApi, type StandbyTransport } from '../../../src/shared/ipc/standby-api'
import { startBareShell } from '../../support/shell-page'
import { useTestPlatform } from '../../support/test-platform'

const platform = useTestPlatform()
let shell: BrowserShell
let bare: Awaited<ReturnType<typeof startBareShell>>

beforeAll(async () => {
  bare = await startBareShell()
  shell = bare.shell
})
afterAll(() => bare.close())

/** The renderer's API over the shell's socket, recording every call the page makes. */
function pageApi(calls: string[]) {
  const origin = shell.origin
  class PageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { origin } })
    }
  }
  const transport = webSocketTransport(
    `${origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?secret=${shell.secret}`,
    {
      WebSocket: PageSocket as unknown as typeof globalThis.WebSocket,
      // The shell closes at the end: no reconnection to plan.
      schedule: () => undefined,
    },
  )
  const counted: StandbyTransport = {
    invoke: (channel, request) => {
      calls.push(channel)
      return transport.invoke(channel, request)
    },
    subscribe: (event, listener) => transport.subscribe(event, listener),
  }
  return buildStandbyApi(counted)
}

function until(
  store: { subscribe(f: () => void): () => void; getSnapshot(): AppState },
  ok: (s: AppState) => boolean,
) {
  return new Promise<void>((resolve) => {
    if (ok(store.getSnapshot())) return resolve()
    const off = store.subscribe(() => {
      if (!ok(store.getSnapshot())) return
      off()
      resolve()
    })
  })
}

it('shows a new invite and hears a client message without reading the cache again', async () => {
  const expert = platform().addExpert({ name: 'Ada Byron' })
  const { email } = platform().server.marketplace.store.expert(expert.id)
  const signedIn = await shell.runtime.core.signIn(platform().server.url, email, 'test-password')
  expect(signedIn.ok).toBe(true)
  await shell.runtime.core.settled()

  const calls: string[] = []
  const api = pageApi(calls)
  const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
  await store.ready
  await until(store, (s) => s.connection.status === 'online')
  calls.length = 0

  const { request } = platform().inviteDirectly(expert.id, 'Hooks question')
  await until(store, (s) => s.invites.open.some((invite) => invite.request.id === request.id))
  expect(calls).toEqual([])

  const heard = new Promise<CacheChange>((resolve) => {
    const off = api.cache.onChanged((change) => {
      if (change.messages.length === 0) return
      off()
      resolve(change)
    })
  })
  platform().server.marketplace.clientMessage(request.id, expert.id, 'Are you around?')
  expect((await heard).messages.map((m) => m.body)).toEqual(['Are you around?'])
  expect(calls).toEqual([])
})
