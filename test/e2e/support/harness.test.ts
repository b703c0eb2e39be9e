// Beside the harness, as the fake of electron's own test is: what a machine without Chromium hears.
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { missingChromium } from './harness'

const tempDir = useTempDirs()

describe('the e2e harness on a machine without Chromium', () => {
  it('says where it looked and how to get one, naming STANDBY_CHROMIUM when that set the path', () => {
    const nowhere = join(tempDir(), 'chromium')
    expect(missingChromium(nowhere, false)).toBe(
      `No Chromium to run at ${nowhere}: the end-to-end tests and the UI bench drive the machine's Chromium, ` +
        'as Playwright downloads none here. Install it (`apt-get install chromium`), or set STANDBY_CHROMIUM ' +
        'to a Chromium or Chrome executable.',
    )
    expect(missingChromium(nowhere, true)).toContain(`${nowhere} (from STANDBY_CHROMIUM)`)
  })

  it('refuses a file that cannot be run, and takes one that can', () => {
    const file = join(tempDir(), 'chromium')
    writeFileSync(file, '#!/bin/sh\n')
    chmodSync(file, 0o644)
    expect(missingChromium(file, true)).toContain('No Chromium to run at')
    chmodSync(file, 0o755)
    expect(missingChromium(file, true)).toBeNull()
  })
})
