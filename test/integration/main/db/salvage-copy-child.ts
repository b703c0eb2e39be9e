/**
 * Child process for the salvage kill -9 test: makes the private copy of `file` that the salvage
 * reads without its WAL, for the cache at `cache`, says so on stdout (synchronously, so the parent
 * sees it at once) and waits to be killed. Run with `node --import tsx`.
 */
import { writeSync } from 'node:fs'
import { fileWithoutWal } from '../../../../src/main/db/file-without-wal'

const [file, cache] = process.argv.slice(2) as [string, string]
writeSync(1, fileWithoutWal(file, cache) === null ? 'failed\n' : 'copied\n')
// Held open until the parent's SIGKILL: the copy is never removed by this process.
setInterval(() => {}, 60_000)
