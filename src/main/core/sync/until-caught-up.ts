/**
 * What a command refused as "done already" waits for before the cache decides (done-elsewhere.ts):
 * the sync holding all the platform has sent (live), or no longer getting there by itself for now
 * (stuck, or stopped with its connection). A catch-up that failed is tried again after a short
 * wait, its state still catching up or failing, so that retry is waited for too, not only the
 * catch-up under way: it may well bring just what the command was refused for.
 */
import type { SyncEngine, SyncState } from './sync-engine'

/** The states in which waiting longer brings the cache no closer to the platform. */
function settledState(state: SyncState): boolean {
  return state.kind === 'live' || state.kind === 'stuck' || state.kind === 'idle'
}

/** Resolves once `sync` is live, stuck or idle (at once when there is none), or when `stop` aborts. */
export function untilCaughtUp(
  sync: Pick<SyncEngine, 'state' | 'states'> | undefined,
  stop: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    if (sync === undefined || stop.aborted || settledState(sync.state)) return resolve()
    const finish = (): void => {
      off()
      stop.removeEventListener('abort', finish)
      resolve()
    }
    const off = sync.states.add((state) => {
      if (settledState(state)) finish()
    })
    stop.addEventListener('abort', finish)
  })
}
