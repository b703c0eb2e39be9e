import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trayIconPath } from '../../../../src/main/node/tray-icon'

const repoRoot = join(import.meta.dirname, '../../../..')

describe('the tray icon', () => {
  it.each([
    ['darwin', 'trayTemplate.png'],
    ['win32', 'tray.ico'],
    ['linux', 'tray.png'],
  ] as const)('on %s is %s, and the file exists in resources/', (platform, file) => {
    const path = trayIconPath({ platform, isPackaged: false, resourcesPath: '/unused', appPath: repoRoot })
    expect(path).toBe(join(repoRoot, 'resources', file))
    expect(existsSync(path)).toBe(true)
  })

  it('comes from the packaged resources directory in an installed app', () => {
    const path = trayIconPath({
      platform: 'linux',
      isPackaged: true,
      resourcesPath: '/opt/Standby/resources',
      appPath: '/x',
    })
    expect(path).toBe('/opt/Standby/resources/icons/tray.png')
  })

  it('has a Retina variant next to the macOS template', () => {
    expect(existsSync(join(repoRoot, 'resources', 'trayTemplate@2x.png'))).toBe(true)
  })
})
