/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL back into the
 * database file and fsyncs it; done inline by the writing connection, it stalls the commit that
 * triggers it, and those stalls set the p99 of every invite (the figures are in the README's
 * Benchmarks). Here the writer's auto-checkpoint is off and a worker thread with its own
 * connection checkpoints on a timer instead.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS evaluated in the worker, so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 2000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (error) { parentPort.postMessage(String(error)) }
}, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'close') return
  clearInterval(timer)
  try { db.pragma('wal_checkpoint(PASSIVE)') } finally { db.close() }
  parentPort.postMessage('closed')
})
`

/** A running background checkpointer. */
export interface WalCheckpointer {
  /** Checkpoint one last time and stop the worker. */
  close(): Promise<void>
}

/** Turn off inline checkpoints on `db` and checkpoint its file from a worker every `intervalMs`. */
export function startWalCheckpointer(
  db: Database.Database,
  options: { intervalMs: number; onError: (message: string) => void },
): WalCheckpointer {
  db.pragma('wal_autocheckpoint = 0')
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driverPath, path: db.name, intervalMs: options.intervalMs },
  })
  worker.unref()
  worker.on('message', (message: string) => {
    if (message !== 'closed') options.onError(message)
  })
  worker.on('error', (error) => options.onError(String(error)))
  let closed: Promise<void> | undefined
  return {
    close() {
      closed ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve())
        worker.once('message', () => void worker.terminate())
        worker.postMessage('close')
      })
      return closed
    },
  }
}
