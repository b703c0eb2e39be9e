import { describe, expect, it } from 'vitest'
import { runningAppImage } from '../../../../src/main/node/app-image'

describe('the AppImage this process runs from', () => {
  it('is APPIMAGE when this executable is inside APPDIR, as the AppImage runtime starts it', () => {
    const env = { APPIMAGE: '/home/ana/Standby.AppImage', APPDIR: '/tmp/.mount_Standb1' }
    expect(runningAppImage(env, '/tmp/.mount_Standb1/standby')).toBe('/home/ana/Standby.AppImage')
  })

  it('is none when APPIMAGE and APPDIR were inherited from another app, missing or relative', () => {
    const editors = { APPIMAGE: '/home/ana/Editor.AppImage', APPDIR: '/tmp/.mount_EditorX' }
    for (const [env, execPath] of [
      [editors, '/opt/Standby/standby'],
      [{ ...editors, APPDIR: '/tmp/.mount_Stand' }, '/tmp/.mount_Standb1/standby'],
      [{ ...editors, APPDIR: '/tmp/.mount_EditorX' }, '/tmp/.mount_EditorX'],
      [{ APPIMAGE: '/home/ana/Standby.AppImage' }, '/tmp/.mount_S/standby'],
      [{ APPIMAGE: 'Standby.AppImage', APPDIR: '/tmp/.mount_S' }, '/tmp/.mount_S/standby'],
      [{ APPIMAGE: '/home/ana/Standby.AppImage', APPDIR: 'mnt' }, 'mnt/standby'],
      [{}, '/opt/Standby/standby'],
    ] as const) {
      expect(runningAppImage(env, execPath), JSON.stringify([env, execPath])).toBeUndefined()
    }
  })
})
