/**
 * The browser shell run as `npm start` runs it, stopped on SIGINT, SIGTERM or SIGHUP through the same
 * stopOnSignals: it changes a setting twice, says `changed` on its lines, and waits for the signal.
 * The settings' gap between writes is timed on a clock that never moves, so the second change
 * reaches the file only if stopping writes it. Argument: the data folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startBrowserShell } from '../../../src/browser-shell/browser-shell'
import { ManualClock } from '../../../src/shared/clock'
import { HANG_UP_TOO, stopOnSignals } from '../../../src/shared-node/stop-on-signals'
import { sayLine } from '../../support/child-lines'

const dataDir = process.argv[2]!
const rendererDir = join(dataDir, '..', 'renderer')
mkdirSync(rendererDir, { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Standby</title>')
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const shell = await startBrowserShell({
  dataDir,
  rendererDir,
  firstFrameModule: null,
  log: quiet,
  linkClock: new ManualClock(0),
  out: { write: () => true },
})
stopOnSignals(process, {
  stop: () => shell.close(),
  log: quiet,
  exit: (code) => process.exit(code),
  signals: HANG_UP_TOO,
})
await shell.runtime.api['settings.update']({ autoAwayMinutes: 7 })
await shell.runtime.api['settings.update']({ autoAwayMinutes: 42 })
sayLine('changed')
