/**
 * Tell the host whether this page has the focus, so a client's message pops up a notification
 * only while the expert is not looking at the app.
 */
import { useEffect } from 'react'
import { useApi } from '../store/context'

/** Report this page's focus to the host now and on every change. */
export function useReportFocus(surface: 'window' | 'popover'): void {
  const api = useApi()
  useEffect(() => {
    const report = (): void => {
      void api.app.reportFocus({ surface, focused: document.hasFocus() })
    }
    // A page going away may not get to say so; the host asks its own windows where it can.
    const leave = (): void => {
      void api.app.reportFocus({ surface, focused: false })
    }
    report()
    window.addEventListener('focus', report)
    window.addEventListener('blur', report)
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('focus', report)
      window.removeEventListener('blur', report)
      window.removeEventListener('pagehide', leave)
      void api.app.reportFocus({ surface, focused: false })
    }
  }, [api, surface])
}
