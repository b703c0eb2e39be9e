/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL back into the
 * database file and fsyncs it; done inline by the writing connection, it stalls the commit that
 * triggers it, and those stalls set the p99 of every invite (the figures are in the README's
 * Benchmarks). Here the writer's auto-checkpoint is off and a worker thread with its own
 * connection checkpoints on a timer instead.
 *
 * That alone lets the WAL grow without bound under steady writes: SQLite starts the WAL over only
 * at a write that finds every frame already copied back, and a checkpoint on another connection
 * never leaves that state while commits keep coming. So the worker follows a pass with more while
 * the writer keeps ahead of it by more than a little, and reports how many frames the WAL holds;
 * once that passes a limit, the writer's own connection, between two of its transactions, copies
 * back the little the worker left and starts the WAL over with a write of its own: the write that
 * starts it over syncs the WAL's new header, which would otherwise stall the next commit.
 *
 * SQLite lets one checkpoint run at a time and turns a second away at once, so the worker starts
 * its next pass only once the writer has heard of the last one and caught up if it had to. On a
 * timer alone, a pass that outlasts the interval, or a busy event loop that reads the report late,
 * puts the worker back at work whenever the writer tries, and the WAL grows without bound.
 *
 * The worker's passes alone empty the WAL whenever the writer pauses, and then the writer's next
 * write would start it over and sync its header in that commit, about once a pass under ordinary
 * load: so once a pass found everything copied back, the writer starts the WAL over there too.
 *
 * Starting over leaves the file at its size (the writer has no `journal_size_limit`): cutting a
 * large file back takes the kernel long enough to stall the commit that would do it. The worker
 * cuts it back instead, once no commit came since its previous pass, and only when nothing is left
 * to copy; a write arriving meanwhile waits for the cut, which only happens when the platform is
 * quiet.
 *
 * Should the worker stop, no report comes again and the WAL would grow for good: the writer's own
 * automatic checkpoint comes back instead, slower commits being better than a disk filling up.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS evaluated in the worker, so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { statSync } = require('node:fs')
const { parentPort, workerData } = require('node:worker_threads')
// An error thrown here reaches the main thread without its message (SQLite's keep only their
// code), so the worker says what stopped it itself.
process.on('uncaughtException', (error) => {
  parentPort.postMessage({ type: 'stopped', message: String(error) })
  process.exit(1)
})
const Database = require(workerData.driverPath)
const { path, intervalMs, followUpFrames, maxFollowUps, cutPastBytes } = workerData
const db = new Database(path, { fileMustExist: true })
db.pragma('busy_timeout = 2000')
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0]
let lastVersion = db.pragma('data_version', { simple: true })
const pass = () => {
  // Busy: another connection is checkpointing, so this pass learnt nothing about the WAL.
  let result = passive()
  if (result.busy !== 0) return { type: 'busy' }
  // A pass copies what the WAL held when it began; what the writer added meanwhile is the next
  // pass's, so passes follow while that is more than a little (a smaller log: it started over).
  for (let i = 0; i < maxFollowUps; i++) {
    const next = passive()
    if (next.busy !== 0) break
    const added = next.log >= result.log ? next.log - result.log : next.log
    result = next
    if (added <= followUpFrames) break
  }
  // Another connection's commit changes data_version: none since the last pass means quiet.
  const version = db.pragma('data_version', { simple: true })
  const quiet = version === lastVersion
  lastVersion = version
  let cut = false
  if (quiet && result.log === result.checkpointed &&
      (statSync(path + '-wal', { throwIfNoEntry: false })?.size ?? 0) > cutPastBytes) {
    // Never waits for the writer: if it is writing after all, a later quiet pass cuts instead.
    db.pragma('busy_timeout = 0')
    try { cut = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy === 0 } finally { db.pragma('busy_timeout = 2000') }
  }
  // A cut WAL holds no frames: the writer has nothing to catch up.
  return cut
    ? { type: 'checkpointed', log: 0, checkpointed: 0, cut }
    : { type: 'checkpointed', log: result.log, checkpointed: result.checkpointed, cut }
}
const run = () => {
  timer = undefined
  try { parentPort.postMessage(pass()) }
  catch (error) { parentPort.postMessage({ type: 'error', message: String(error) }) }
}
// The next pass waits for 'next': the writer has read this one's report and caught up if it had to.
let timer = setTimeout(run, intervalMs)
parentPort.on('message', (message) => {
  if (message === 'next') return void (timer = setTimeout(run, intervalMs))
  if (message !== 'close') return
  clearTimeout(timer)
  try { passive() } finally { db.close() }
  parentPort.postMessage({ type: 'closed' })
})
`

/** The WAL's size past which the writer's connection finishes a checkpoint itself. */
export const DEFAULT_MAX_WAL_BYTES = 64 * 1024 * 1024

/**
 * How many frames the writer may add during the worker's last pass, at most, before the worker
 * passes again: what the writer's own catch-up has left to copy, so that catch-up stays short.
 */
const FOLLOW_UP_FRAMES = 256
/** Passes after the first, at most: a writer faster than the copy is caught up by the writer. */
const MAX_FOLLOW_UPS = 8
/**
 * Frames the write that starts the WAL over leaves in it: a WAL holding no more needs no new start,
 * and starting one over for them alone would write once a pass while the platform is idle.
 */
const START_OVER_FRAMES = 1
/** The writer's own checkpoint threshold once the worker stopped: SQLite's default. */
const INLINE_CHECKPOINT_PAGES = 1000

/** What the worker found at the end of one of its passes. */
export interface CheckpointPass {
  /** Frames in the WAL. */
  readonly log: number
  /** Of them, the frames copied back into the database file. */
  readonly checkpointed: number
  /** Whether the worker cut the WAL file back, the platform being quiet. */
  readonly cut: boolean
}

type WorkerMessage =
  | ({ type: 'checkpointed' } & CheckpointPass)
  | { type: 'busy' }
  | { type: 'error'; message: string }
  | { type: 'stopped'; message: string }
  | { type: 'closed' }

/** A running background checkpointer. */
export interface WalCheckpointer {
  /**
   * If the WAL held more than its limit at the worker's last pass, copy back on the writer's
   * connection what is left and, if that was all of it, start the WAL over. Runs each time the
   * worker finished a pass, before it may start the next (so that the two do not meet); must not
   * run inside a transaction.
   * Returns whether it checkpointed.
   */
  keepWalBounded(): boolean
  /** Checkpoint one last time and stop the worker. */
  close(): Promise<void>
}

/**
 * Turn off inline checkpoints on `db`, checkpoint its file from a worker `intervalMs` after the
 * writer heard of its last pass, and after each of those keep its WAL under `maxWalBytes`.
 * `onPass` hears of each of the worker's passes, after the writer's catch-up, if any.
 */
export function startWalCheckpointer(
  db: Database.Database,
  options: {
    intervalMs: number
    maxWalBytes?: number
    /** Told what failed (the worker's pass, the writer's catch-up, the start over), as a sentence. */
    onError: (message: string) => void
    onPass?: (pass: CheckpointPass) => void
    /** The WAL file's size past which a quiet worker cuts it back; by default `maxWalBytes`. */
    cutPastBytes?: number
  },
): WalCheckpointer {
  const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES
  db.pragma('wal_autocheckpoint = 0')
  const pageSize = db.pragma('page_size', { simple: true }) as number
  let framesAtLastPass = 0
  // Writes the schema version back as it is, in a transaction of its own: the smallest write there is.
  const rewriteVersion = db.transaction(() => {
    db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`)
  })
  // The write that starts the WAL over writes its header and waits for the disk to sync it: done
  // here, between transactions, rather than in whichever commit comes next (a fan-out's, whose
  // invites it would hold back).
  // The checkpoint before it succeeded: what failed is the start over, which the next commit makes instead.
  const startOver = (): void => {
    try {
      rewriteVersion.immediate()
    } catch (error) {
      options.onError(
        `Starting the WAL over after a full checkpoint failed: the write of the schema version as it was (${String(error)}); the next commit starts it over instead.`,
      )
    }
  }
  const keepWalBounded = (): boolean => {
    if (framesAtLastPass * pageSize <= maxWalBytes) return false
    // PASSIVE: should the worker be checkpointing after all, this gives way, and its next pass retries.
    let result: { busy: number; log: number; checkpointed: number } | undefined
    try {
      result = (db.pragma('wal_checkpoint(PASSIVE)') as Array<NonNullable<typeof result>>)[0]
    } catch (error) {
      options.onError(
        `The writer's WAL checkpoint, catching up on the worker's pass, failed (${String(error)}); it is tried again after the worker's next pass.`,
      )
    }
    framesAtLastPass = 0
    if (result !== undefined && result.busy === 0 && result.log === result.checkpointed) startOver()
    return true
  }
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driverPath,
      path: db.name,
      intervalMs: options.intervalMs,
      followUpFrames: FOLLOW_UP_FRAMES,
      maxFollowUps: MAX_FOLLOW_UPS,
      cutPastBytes: options.cutPastBytes ?? maxWalBytes,
    },
  })
  worker.unref()
  let closed: Promise<void> | undefined
  let stoppedBy: string | undefined
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.once('exit', (code) => {
    if (closed !== undefined) return void (stoppedBy === undefined || options.onError(stoppedBy))
    // No pass will come again: without the writer's own checkpoints the WAL would grow for good.
    if (db.open) db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`)
    options.onError(
      `The WAL checkpoint worker stopped (${stoppedBy ?? `exit code ${code}`}): the server now ` +
        'checkpoints in its own commits, which may pause them; restart the server to move checkpoints off them again.',
    )
  })
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'closed') return void worker.terminate()
    if (message.type === 'stopped') return void (stoppedBy = message.message)
    // Once closing, the writer's connection may be gone; the worker's last pass covers the rest.
    if (closed !== undefined) return
    if (message.type === 'error')
      options.onError(
        `The WAL checkpoint worker's pass failed (${message.message}); it passes again after its interval.`,
      )
    if (message.type === 'checkpointed') {
      framesAtLastPass = message.log
      // The worker left nothing to catch up on: start over now, not in the next commit.
      const copiedBack = message.log > START_OVER_FRAMES && message.log === message.checkpointed
      if (!keepWalBounded() && copiedBack) startOver()
    }
    // Only now, so that the worker's next pass cannot turn the writer's catch-up away.
    worker.postMessage('next')
    if (message.type === 'checkpointed')
      options.onPass?.({ log: message.log, checkpointed: message.checkpointed, cut: message.cut })
  })
  // What the worker could not say itself (its own handler failing): an Error, or the code alone.
  worker.on('error', (error: unknown) => {
    stoppedBy ??= error instanceof Error ? String(error) : JSON.stringify(error)
  })
  return {
    keepWalBounded,
    close() {
      if (closed !== undefined) return closed
      // A worker that already stopped ignores this; its exit was seen, so this resolves at once.
      worker.postMessage('close')
      return (closed = exited)
    },
  }
}
