/** Launch at login in Electron: the OS login item (macOS and Windows; Electron has none on Linux). */
import { app } from 'electron'
import type { Logger } from '../../core/ports/logger'
import type { LoginItem } from '../../core/settings/login-item'

/** Registers or removes Standby as a login item; says so once where that cannot be done. */
export function createLoginItem(options: {
  readonly log: Logger
  readonly platform?: NodeJS.Platform
}): LoginItem {
  const { log } = options
  const platform = options.platform ?? process.platform
  let saidUnsupported = false
  const unsupported = (why: string): void => {
    if (!saidUnsupported) log.info(`Launch at login is not set: ${why}`)
    saidUnsupported = true
  }
  return {
    set(openAtLogin) {
      if (platform !== 'darwin' && platform !== 'win32')
        return unsupported('Electron has no login items on this system')
      // A development run would register the bare Electron binary, which opens its default app.
      if (!app.isPackaged) return unsupported('only the packaged app registers itself')
      app.setLoginItemSettings({ openAtLogin })
    },
  }
}
