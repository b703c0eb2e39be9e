/**
 * The core bench's baseline: bare socket.io with one client in a child process, sending the same
 * invite Standby's platform sends, timed from the emit until the client has it.
 */
import type { Invite } from '../src/shared/protocol'
import { startBareSocketIo } from './bare-socket-io'
import { ClientFleet } from './client-fleet'
import type { FirstRounds } from './cold-rounds'
import { now } from './core-host'

/** Bare socket.io's invite rounds: emit `sample` → the client has it; the first ones kept in `first`. */
export async function rawInvites(
  sample: Invite,
  first: FirstRounds,
  warmupRounds: number,
): Promise<{ round: (index: number) => Promise<number>; stop: () => Promise<void> }> {
  const { io, url, close } = await startBareSocketIo()
  const fleet = new ClientFleet()
  // Told after a turn of the client's loop, as the core tells its notifications: each side's own
  // scheduled collection then runs between rounds, not in the next one.
  await fleet.connect(url, [{ index: 0 }], 'ready', 1, { reportAfterLoopTurn: true })
  const round = async (index: number): Promise<number> => {
    const requestId = `raw-${index}`
    const started = now()
    const delivered = fleet.delivered(requestId)
    io.to('c0').emit('invite', { ...sample, request: { ...sample.request, id: requestId } })
    const { last } = await delivered
    first.add(last - started)
    return last - started
  }
  for (let i = 0; i < warmupRounds; i++) await round(-1 - i)
  return {
    round,
    async stop() {
      await fleet.close()
      await close()
    },
  }
}
