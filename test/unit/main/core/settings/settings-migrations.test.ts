import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import {
  migrateSettings,
  SETTINGS_MIGRATIONS,
} from '../../../../../src/main/core/settings/settings-migrations'

describe('the settings migrations', () => {
  it('have one step for every version up to the current one', () => {
    for (let version = 1; version <= SETTINGS_VERSION; version++) {
      expect(SETTINGS_MIGRATIONS[version], `step to version ${version}`).toBeTypeOf('function')
    }
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number)).toEqual(
      Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1),
    )
  })

  it('0 → 1: renames serverUrl to platformUrl, with "" meaning the embedded platform', () => {
    const step = SETTINGS_MIGRATIONS[1]!
    expect(step({ serverUrl: 'https://platform.example', soundEnabled: false })).toEqual({
      platformUrl: 'https://platform.example',
      soundEnabled: false,
    })
    expect(step({ serverUrl: '' })).toEqual({ platformUrl: null })
    expect(step({ remindersEnabled: false })).toEqual({ remindersEnabled: false, platformUrl: null })
    // A file that already has the new key keeps it.
    expect(step({ platformUrl: 'http://127.0.0.1:4455', serverUrl: 'https://old.example' })).toEqual({
      platformUrl: 'http://127.0.0.1:4455',
    })
  })

  it('run the steps in order and leave a current file alone', () => {
    const trail: number[] = []
    const migrations = {
      1: (raw: Record<string, unknown>) => (trail.push(1), { ...raw, a: 1 }),
      2: (raw: Record<string, unknown>) => (trail.push(2), { ...raw, b: 2 }),
    }
    expect(migrateSettings({}, 0, 2, migrations)).toEqual({ ok: true, raw: { a: 1, b: 2 } })
    expect(migrateSettings({ x: 1 }, 1, 2, migrations)).toEqual({ ok: true, raw: { x: 1, b: 2 } })
    expect(migrateSettings({ x: 1 }, 2, 2, migrations)).toEqual({ ok: true, raw: { x: 1 } })
    expect(trail).toEqual([1, 2, 2])
  })

  it('report a failing or missing step instead of throwing', () => {
    const failing = {
      1: () => {
        throw new Error('cannot read this')
      },
    }
    expect(migrateSettings({}, 0, 1, failing)).toEqual({
      ok: false,
      failedStep: 1,
      reason: 'cannot read this',
    })
    expect(migrateSettings({}, 0, 2, { 1: (raw) => raw })).toEqual({
      ok: false,
      failedStep: 2,
      reason: 'no migration is defined',
    })
  })
})
