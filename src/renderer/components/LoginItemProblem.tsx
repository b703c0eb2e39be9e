/**
 * Under the Launch at login switch: why the host could not carry it out (a folder it cannot write,
 * macOS waiting for approval, a browser window) and what to do instead, so the switch never says
 * "on" while nothing will start Standby at login, nor "off" while macOS opens it at login all the same.
 */
import { useEffect, useState } from 'react'
import type { LoginItemStatus } from '../../shared/ipc/contract'
import { useApi } from '../store/context'

/** The host's word on launch at login; nothing while it was carried out. */
export function LoginItemProblem() {
  const api = useApi()
  const [status, setStatus] = useState<LoginItemStatus>({ applied: true })
  useEffect(() => {
    // A push is newer than the answer to a read sent before it.
    let pushed = false
    let live = true
    const off = api.settings.onLoginItemChanged((next) => {
      pushed = true
      setStatus(next)
    })
    void api.settings.getLoginItem().then((answer) => {
      if (live && !pushed && answer.ok) setStatus(answer.value)
    })
    return () => {
      live = false
      off()
    }
  }, [api])
  if (status.applied) return null
  return (
    <p className="warning-text toggle-problem" role="status">
      {status.problem}
    </p>
  )
}
