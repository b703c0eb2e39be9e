/** The app window: for now, what Standby is and what it is doing. */
import { Suspense, use, useSyncExternalStore } from 'react'
import { type AppInfo } from '../shared/ipc/contract'
import { type IpcResult } from '../shared/ipc/result'
import { type StatusStore } from './status-store'

/** What the window shows, handed in by main.tsx. */
export interface AppProps {
  /** The answer to `app.getInfo`, requested before the first render. */
  readonly info: Promise<IpcResult<AppInfo>>
  readonly status: StatusStore
}

/** The root component. */
export function App({ info, status }: AppProps) {
  const statusText = useSyncExternalStore(status.subscribe, status.getSnapshot)
  return (
    <main className="app">
      <Suspense fallback={<h1 className="app-title">Standby</h1>}>
        <AppTitle info={info} />
      </Suspense>
      <p className="app-status" role="status">
        {statusText ?? 'Starting…'}
      </p>
    </main>
  )
}

function AppTitle({ info }: { info: Promise<IpcResult<AppInfo>> }) {
  const result = use(info)
  if (!result.ok) {
    return (
      <h1 className="app-title" title={result.error.message}>
        Standby
      </h1>
    )
  }
  const { version, protocolVersion } = result.value
  return (
    <h1 className="app-title">
      Standby {version} — protocol v{protocolVersion}
    </h1>
  )
}
