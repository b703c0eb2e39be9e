/**
 * Child process for settings-store-pipe.test.ts: opens the settings in the folder argv[2] at the
 * moment argv[3] as the Node store does, saying 'checked' once the start's check is done and
 * 'constructed' once conf is, and each time waiting for the parent to open the gate (argv[4]);
 * then saves a change and says, as one JSON line, what it read and logged.
 */
import { readFileSync } from 'node:fs'
import { openNodeSettingsConf } from '../../../../../src/main/node/adapters/settings-store'
import { openSettingsStore } from '../../../../../src/main/node/settings-file'
import { sayLine } from '../../../../support/child-lines'

const [dir = '', at = '', gate = ''] = process.argv.slice(2)
const lines: string[] = []
const record = (message: string, error?: unknown): void => {
  lines.push(error instanceof Error ? `${message} ${error.message}` : message)
}
const log = { info: record, warn: record, error: record }
// Opening a named pipe for reading waits for a writer: the parent opens it and closes it at once.
const waitForParent = (): void => void readFileSync(gate)

const settings = openSettingsStore({
  dir,
  log,
  now: () => Number(at),
  open: () => {
    sayLine('checked')
    waitForParent()
    const conf = openNodeSettingsConf(dir)
    sayLine('constructed')
    waitForParent()
    return conf
  },
})
settings.update({ soundEnabled: false })
settings.flush()
sayLine(JSON.stringify({ soundEnabled: settings.get().soundEnabled, log: lines.join('\n') }))
