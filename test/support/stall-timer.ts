/**
 * A failsafe for a wait whose length grows with the machine's load: it fires only when nothing
 * happened for its whole span, so a busy machine that makes progress slowly is never taken for a hang.
 */

/** A running stall failsafe: `progress` starts its span over, `stop` ends it. */
export interface StallTimer {
  progress(): void
  stop(): void
}

/** Call `onStall` once `ms` pass with no `progress`; a failsafe that turns a hang into a message. */
export function stallTimer(ms: number, onStall: () => void): StallTimer {
  let timer = setTimeout(onStall, ms)
  return {
    progress() {
      clearTimeout(timer)
      timer = setTimeout(onStall, ms)
    },
    stop() {
      clearTimeout(timer)
    },
  }
}

/**
 * What a wait is for, as its stall message says it: a function is worded when the wait stalls, so
 * a count in it ("12 not yet") is the count then, not when the wait began.
 */
export type WaitingFor = string | (() => string)

/** The words for `what` now. */
export function waitingFor(what: WaitingFor): string {
  return typeof what === 'string' ? what : what()
}
