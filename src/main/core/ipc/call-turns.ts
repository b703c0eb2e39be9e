/**
 * When a page's calls start their work. A handler that reads the cache runs on the host's one
 * thread until it answers, and a carrier hands over every call a page sent together at once (the
 * browser shell's socket many frames of one read, Electron's IPC each message as it comes): run as
 * they came, a page calling in a loop would hold the thread for all of them in a row, and the
 * platform's link, the reminders and every other page would wait behind them. So calls start in
 * turns of the event loop, as many in a turn as fit in a short slice of the thread's time and at
 * least one, the pages that wait taken in turn: what else the host has to do runs between two
 * slices, and a page's flood delays another page's call by a slice and a call, not by the flood.
 * Cheap calls still go many to a turn. A call that waits on something (the platform, a file) lets
 * the next one start as soon as it waits; only the part that holds the thread is taken in turn.
 */
import { setImmediate as afterIo } from 'node:timers/promises'

/** Starts the work of each caller's calls in turn. */
export interface CallTurns<K> {
  /** Runs `work` for `caller` in a turn, after the calls that came before it; answers what it answers. */
  start<T>(caller: K, work: () => Promise<T>): Promise<T>
  /**
   * `caller` is gone (its connection closed): its calls not started yet never start, each
   * rejected with a CallNotStarted. Answers how many there were.
   */
  forget(caller: K): number
}

/** A call whose caller went away before its turn came: nothing of it was carried out. */
export class CallNotStarted extends Error {
  constructor() {
    super('The call was not started: its caller went away before its turn came.')
    this.name = 'CallNotStarted'
  }
}

/** One call waiting for its turn: how to start it, and how to tell it that it never will. */
interface Waiting {
  readonly begin: () => void
  readonly drop: () => void
}

/**
 * How long the calls started in one turn may hold the thread before the next call waits for the
 * next turn: short beside what the platform's invites may wait, long beside a cheap call.
 */
export const CALL_SLICE_MS = 2

/** How turns are taken; the defaults go round the real event loop. */
export interface TurnTiming {
  /** Resolves after the event loop has gone round once, through its input and output. */
  readonly nextTurn: () => Promise<unknown>
  /** A steady time in milliseconds. */
  readonly now: () => number
  readonly sliceMs: number
}

const LOOP_TURNS: TurnTiming = {
  nextTurn: () => afterIo(),
  now: () => performance.now(),
  sliceMs: CALL_SLICE_MS,
}

/** Calls started in slices of `timing.sliceMs`, one slice per loop turn, round the callers. */
export function callTurns<K>(timing: TurnTiming = LOOP_TURNS): CallTurns<K> {
  const { nextTurn, now, sliceMs } = timing
  // The callers with calls waiting, in the order they are next served; each caller's calls in order.
  const waiting = new Map<K, Waiting[]>()
  let serving = false

  const serve = async (): Promise<void> => {
    serving = true
    while (waiting.size > 0) {
      await nextTurn()
      const sliceStart = now()
      do startNext()
      while (waiting.size > 0 && now() - sliceStart < sliceMs)
    }
    serving = false
  }

  const startNext = (): void => {
    const next = waiting.entries().next().value
    if (next === undefined) return
    const [caller, queue] = next
    waiting.delete(caller)
    const call = queue.shift()
    // To the back of the round, so a caller with many calls waiting lets every other one go first.
    if (queue.length > 0) waiting.set(caller, queue)
    call?.begin()
  }

  return {
    start(caller, work) {
      return new Promise((resolve, reject) => {
        const queue = waiting.get(caller) ?? []
        const begin = (): void => {
          // Run now, in this turn: the work's own waits (a promise it returns) need no turn.
          try {
            work().then(resolve, reject)
          } catch (error) {
            reject(error)
          }
        }
        queue.push({ begin, drop: () => reject(new CallNotStarted()) })
        waiting.set(caller, queue)
        if (!serving) void serve()
      })
    },
    forget(caller) {
      const queue = waiting.get(caller) ?? []
      waiting.delete(caller)
      for (const call of queue) call.drop()
      return queue.length
    },
  }
}
