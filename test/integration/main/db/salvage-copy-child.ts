/**
 * Child process for the salvage kill -9 test: makes the private copy of `file` that the salvage
 * reads without its WAL, for the cache at `cache`, says so (synchronously, so the line is written
 * before the parent can kill it) and waits to be killed. Bundled by useBuiltScript.
 */
import { fileWithoutWal } from '../../../../src/main/db/file-without-wal'
import { sayLine } from '../../../support/child-lines'

const [file, cache] = process.argv.slice(2) as [string, string]
try {
  fileWithoutWal(file, cache)
  sayLine('copied')
} catch {
  sayLine('failed')
}
// Held open until the parent's SIGKILL: the copy is never removed by this process.
setInterval(() => {}, 60_000)
