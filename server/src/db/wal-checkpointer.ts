/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL back into the
 * database file and fsyncs it; done inline by the writing connection, it stalls the commit that
 * triggers it, and those stalls set the p99 of every invite (the figures are in the README's
 * Benchmarks). Here the writer's auto-checkpoint is off and a worker thread with its own
 * connection checkpoints on a timer instead.
 *
 * That alone lets the WAL grow without bound under steady writes: SQLite starts the WAL over only
 * at a write that finds every frame already copied back, and a checkpoint on another connection
 * never leaves that state while commits keep coming (a fan-out benchmark grew it past a gigabyte,
 * and every page read searches the WAL's index). So once the file passes a limit, the writer's own
 * connection, between two of its transactions, copies back what the worker has not yet (little:
 * the worker has done the bulk), and its next write starts the WAL over and cuts the file back.
 */
import type Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS evaluated in the worker, so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 2000')
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage('checkpointed')
  } catch (error) { parentPort.postMessage(String(error)) }
}, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'close') return
  clearInterval(timer)
  try { db.pragma('wal_checkpoint(PASSIVE)') } finally { db.close() }
  parentPort.postMessage('closed')
})
`

/** The WAL's size past which the writer's connection finishes a checkpoint itself. */
export const DEFAULT_MAX_WAL_BYTES = 64 * 1024 * 1024

/** A running background checkpointer. */
export interface WalCheckpointer {
  /**
   * If the WAL is larger than its limit, copy back on the writer's connection what is left, so
   * that the next write starts the WAL over. Runs each time the worker finished a checkpoint (so
   * that the two do not meet); must not run inside a transaction. Returns whether it checkpointed.
   */
  keepWalBounded(): boolean
  /** Checkpoint one last time and stop the worker. */
  close(): Promise<void>
}

/**
 * Turn off inline checkpoints on `db`, checkpoint its file from a worker every `intervalMs`, and
 * after each of those keep its WAL under `maxWalBytes`.
 */
export function startWalCheckpointer(
  db: Database.Database,
  options: { intervalMs: number; maxWalBytes?: number; onError: (message: string) => void },
): WalCheckpointer {
  const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES
  db.pragma('wal_autocheckpoint = 0')
  // Once started over, the file is cut back to the limit at the next commit.
  db.pragma(`journal_size_limit = ${Math.floor(maxWalBytes)}`)
  const walPath = `${db.name}-wal`
  const keepWalBounded = (): boolean => {
    if ((statSync(walPath, { throwIfNoEntry: false })?.size ?? 0) <= maxWalBytes) return false
    // PASSIVE: should the worker be checkpointing after all, this gives way, and its next pass retries.
    db.pragma('wal_checkpoint(PASSIVE)')
    return true
  }
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driverPath, path: db.name, intervalMs: options.intervalMs },
  })
  worker.unref()
  let closed: Promise<void> | undefined
  worker.on('message', (message: string) => {
    if (message === 'closed') return void worker.terminate()
    if (message !== 'checkpointed') return options.onError(message)
    // Once closing, the writer's connection may be gone; the worker's last pass covers the rest.
    if (closed !== undefined) return
    try {
      keepWalBounded()
    } catch (error) {
      options.onError(String(error))
    }
  })
  worker.on('error', (error) => options.onError(String(error)))
  return {
    keepWalBounded,
    close() {
      closed ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve())
        worker.postMessage('close')
      })
      return closed
    },
  }
}
