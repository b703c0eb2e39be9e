/**
 * Services for the host's pre-render: stores that hold the frame's data and never change, and an
 * API that answers every call with an error. Rendering reads stores and never calls the API
 * (actions run in event handlers, reads in effects, and neither runs while pre-rendering).
 */
import { type FirstFrame } from '../../shared/first-frame'
import { fail } from '../../shared/ipc/result'
import { buildStandbyApi } from '../../shared/ipc/standby-api'
import { stateOfFrame, type AppStore } from '../store/app-store'
import type { Services } from '../store/context'
import { createHistoryStore } from '../store/history-store'
import type { HostClock } from '../store/host-clock'
import { createNoticeStore } from '../store/notices'
import { createShownItemStore } from '../store/shown-item'
import { createValueStore, readableOf } from '../store/value-store'

/** Services whose stores hold `frame` for one render. */
export function frameServices(frame: FirstFrame): Services {
  const api = buildStandbyApi({
    invoke: () => Promise.resolve(fail('transport_failed', 'The pre-rendered frame cannot call the app.')),
    subscribe: () => () => undefined,
  })
  const state = createValueStore(stateOfFrame(frame))
  const app: AppStore = {
    ...readableOf(state),
    ready: Promise.resolve(),
    reload: () => Promise.resolve(),
    refreshLists: () => Promise.resolve(),
    refreshSettings: () => Promise.resolve(),
    setSettings: () => undefined,
    onReread: () => () => undefined,
  }
  const now = createValueStore(frame.now)
  const clock: HostClock = {
    ...readableOf(now),
    offset: readableOf(createValueStore(frame.clock)),
    ready: Promise.resolve(),
    refresh: () => Promise.resolve(),
    stop: () => undefined,
  }
  return {
    api,
    app,
    clock,
    notices: createNoticeStore(),
    history: createHistoryStore(api),
    shown: createShownItemStore(api, { takesKept: false }),
    inBrowser: frame.inBrowser,
  }
}
