/**
 * The buttons that need the platform refuse while Standby cannot reach it (logic/platform-reach.ts):
 * focusable still (aria-disabled), and described by one visible sentence per group of buttons.
 */
import { useId, useSyncExternalStore } from 'react'
import { platformRefusal } from '../logic/platform-reach'
import { useServices } from '../store/context'

/** Why the platform's buttons refuse now, and the id of the sentence that says it. */
export interface PlatformRefusal {
  readonly reason: string
  readonly id: string
}

/** Null while the platform can be reached; re-renders the caller only when that changes. */
export function usePlatformRefusal(): PlatformRefusal | null {
  const { app } = useServices()
  const id = useId()
  const reason = useSyncExternalStore(
    app.subscribe,
    () => platformRefusal(app.getSnapshot().connection),
    () => platformRefusal(app.getServerSnapshot().connection),
  )
  return reason === null ? null : { reason, id: `${id}-offline` }
}

/** The sentence the refusing buttons point at; nothing while they may be pressed. */
export function PlatformRefusalNote({ refusal }: { readonly refusal: PlatformRefusal | null }) {
  if (refusal === null) return null
  return (
    <p className="platform-refusal" id={refusal.id}>
      {refusal.reason}
    </p>
  )
}

/** `ids` joined for aria-describedby, or undefined when there are none. */
export function describedBy(...ids: ReadonlyArray<string | undefined>): string | undefined {
  const present = ids.filter((id): id is string => id !== undefined && id !== '')
  return present.length === 0 ? undefined : present.join(' ')
}
