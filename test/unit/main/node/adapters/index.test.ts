import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()

describe('the Node adapters for a data directory', () => {
  it('keep the sign-in and the settings in that directory, and wire the login item to the settings', async () => {
    const dataDir = tempDir()
    const printed: string[] = []
    const log = recordingLog()
    const adapters = createNodeAdapters({
      dataDir,
      out: { write: (line: string) => (printed.push(line), true) },
      log,
    })

    await adapters.secrets.save({ platformUrl: 'http://127.0.0.1:4455', token: 'tok_x', expertId: 'exp_ada' })
    adapters.settings.update({ launchAtLogin: true })
    expect(readdirSync(dataDir).sort()).toEqual(['settings.json', 'sign-in.json'])
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'sign-in.json')).mode & 0o777).toBe(0o600)
    expect(adapters.loginItem.wanted).toBe(true)

    adapters.notifier.show({ kind: 'notice', title: 'Hello', body: 'there' })
    expect(printed).toEqual(['[notification] Notice: Hello — there\n'])
    adapters.tray.set({ connection: { status: 'connecting' }, openInvites: 0, statusLine: 'Connecting…' })
    expect(adapters.tray.current?.statusLine).toBe('Connecting…')

    let resumed = 0
    adapters.power.onResume(() => resumed++)
    adapters.power.resume()
    expect(resumed).toBe(1)

    adapters.close()
    adapters.settings.update({ launchAtLogin: false })
    expect(adapters.loginItem.wanted).toBe(true)
    expect(adapters.log).toBe(log)
  })
})
