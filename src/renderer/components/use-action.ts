/** One user action's progress and error, for a button that must show both. */
import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { ActionResult } from '../logic/action-result'
import { useServices } from '../store/context'

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

/** A card's command: one of the card's commands that are never on their way together. */
export interface CardAction<A extends unknown[], T> extends Action<A, T> {
  /** What another command of the card on its way says ("Joining…"); null when none is. */
  readonly blockedBy: string | null
}

/**
 * `perform` as one of `card`'s commands (store/card-commands.ts): refused, doing nothing, while
 * another of the card's commands is on its way, which `blockedBy` names meanwhile.
 */
export function useCardAction<A extends unknown[], T>(
  card: string,
  pendingLabel: string,
  perform: (...args: A) => Promise<ActionResult<T>>,
): CardAction<A, T> {
  const { cardCommands } = useServices()
  const action = useAction(perform)
  const { run: runAction } = action
  // The same for hydration: no command is on its way before the page is alive.
  const onItsWayNow = (): string | null => cardCommands.getSnapshot().get(card) ?? null
  const onItsWay = useSyncExternalStore(cardCommands.subscribe, onItsWayNow, onItsWayNow)
  const run = useCallback(
    async (...args: A) => {
      const done = cardCommands.begin(card, pendingLabel)
      if (done === null) return undefined
      try {
        return await runAction(...args)
      } finally {
        done()
      }
    },
    [cardCommands, card, pendingLabel, runAction],
  )
  return { ...action, run, blockedBy: action.pending ? null : onItsWay }
}
