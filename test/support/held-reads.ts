/**
 * A read of the host and its push, for a store under test: each read waits until the test answers
 * it, in any order, and the test plays pushes when it likes. Out-of-order answers are how a store
 * shows stale data.
 */
import type { IpcResult } from '../../src/shared/ipc/result'

/** The reads the test holds, and the push listener the store registered. */
export interface HeldReads<T> {
  /** The store's read: resolves once the test calls its answer. */
  read(): Promise<IpcResult<T>>
  /** Registers the store's push listener. */
  onPush(listener: (value: T) => void): () => void
  /** One answer per read asked, in the order they were asked. */
  readonly answers: Array<(value: T) => void>
  /** Plays a push to the store. */
  push(value: T): void
}

/** Reads and a push of `T` that the test drives. */
export function heldReads<T>(): HeldReads<T> {
  const answers: Array<(value: T) => void> = []
  let pushed: (value: T) => void = () => undefined
  return {
    read: () => new Promise((resolve) => answers.push((value) => resolve({ ok: true, value }))),
    onPush: (listener) => {
      pushed = listener
      return () => undefined
    },
    answers,
    push: (value) => pushed(value),
  }
}

/** The app's re-read, as a store under test listens for it, and the test's way to ask it. */
export function heldRereads(): { app: { onReread(listener: () => void): () => void }; reread(): void } {
  let reread: () => void = () => undefined
  return {
    app: {
      onReread: (listener) => {
        reread = listener
        return () => undefined
      },
    },
    reread: () => reread(),
  }
}
