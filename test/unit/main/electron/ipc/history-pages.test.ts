// History carried by Electron's IPC: a History of long rows comes in pages under the byte budget.
import { expect, it, vi } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../../src/main/core/standby-core'
import { createAppOrigin } from '../../../../../src/main/electron/app-origin'
import { registerAppApi } from '../../../../../src/main/electron/ipc/app-handlers'
import { createIpcMain } from '../../../../../src/main/electron/ipc/ipc-main'
import { HISTORY_PAGE_ROWS } from '../../../../../src/shared/ipc/list-limits'
import { fake, FakeWebContents, resetFakeElectron } from '../../../../support/fake-electron'
import { historyThrough } from '../../../../support/history-pages'
import { longHistory, longPast } from '../../../../support/long-history'
import { useFreshStores } from '../../db/cache-test-kit'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const fresh = useFreshStores()

it('carries a History of the longest descriptions in pages under the byte budget, every row once', async () => {
  resetFakeElectron()
  const { store } = fresh()
  store.applyEvents(longHistory(HISTORY_PAGE_ROWS))
  const page = { sender: new FakeWebContents(), frameUrl: 'standby-app://app/' }
  const origin = createAppOrigin({})
  const ipc = createIpcMain({
    policy: { isOwnWebContents: (contents) => Object.is(contents, page.sender), isAppUrl: origin.isAppUrl },
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  })
  const api = createAppApi({ cache: store } as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
  registerAppApi(ipc.handle, api)
  const read = await historyThrough((channel, request) => fake.ipcMain.invoke(channel, page, request))
  expect(read.pages).toBeGreaterThan(1)
  expect(read.ids).toEqual(Array.from({ length: HISTORY_PAGE_ROWS }, (_, n) => longPast(n).id))
})
