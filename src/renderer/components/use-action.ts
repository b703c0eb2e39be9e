/** One user action's progress and error, for a button that must show both. */
import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { ActionResult } from '../logic/action-result'

/** An action's state and its trigger. */
export interface Action<A extends unknown[], T> {
  /** Runs the action unless it is already running; resolves with its result. */
  run(...args: A): Promise<ActionResult<T> | undefined>
  readonly pending: boolean
  /** The last failure's sentence, cleared when the action runs again. */
  readonly error: string | null
  clearError(): void
}

/** Wrap `perform` so the UI can show progress and a clear error. */
export function useAction<A extends unknown[], T>(
  perform: (...args: A) => Promise<ActionResult<T>>,
): Action<A, T> {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)
  const latest = useRef(perform)
  useLayoutEffect(() => {
    latest.current = perform
  })

  const run = useCallback(async (...args: A) => {
    if (running.current) return undefined
    running.current = true
    setPending(true)
    setError(null)
    try {
      const result = await latest.current(...args)
      if (!result.ok) setError(result.message)
      return result
    } finally {
      running.current = false
      setPending(false)
    }
  }, [])
  const clearError = useCallback(() => setError(null), [])
  return { run, pending, error, clearError }
}
