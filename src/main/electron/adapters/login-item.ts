/**
 * Launch at login in Electron, hidden in the tray on every OS: the OS login item on macOS and
 * Windows (Windows with `--hidden`; macOS says `wasOpenedAtLogin` instead), and on Linux, where
 * Electron has none, an XDG autostart entry (src/main/node/autostart-entry.ts).
 */
import { app } from 'electron'
import { homedir } from 'node:os'
import type { Logger } from '../../core/ports/logger'
import type { LoginItem } from '../../core/settings/login-item'
import { autostartDir, autostartExecutable, createAutostartEntry } from '../../node/autostart-entry'
import { HIDDEN_ARG } from '../../node/start-hidden'

/** Where the Linux autostart entry goes and what it starts; the process's own by default. */
export interface LoginItemOptions {
  readonly log: Logger
  readonly platform?: NodeJS.Platform
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly home?: string
  readonly execPath?: string
}

/** Registers or removes Standby as a login item; says so once where that cannot be done. */
export function createLoginItem(options: LoginItemOptions): LoginItem {
  const { log } = options
  const platform = options.platform ?? process.platform
  const env = options.env ?? process.env
  const execPath = options.execPath ?? process.execPath
  let saidUnsupported = false
  const linux = createAutostartEntry({
    dir: autostartDir(env, options.home ?? homedir()),
    executable: autostartExecutable(env, execPath),
    log,
  })
  return {
    set(openAtLogin) {
      // A development run would register the bare Electron binary, which opens its default app.
      if (!app.isPackaged) {
        if (!saidUnsupported) log.info('Launch at login is not set: only the packaged app registers itself')
        saidUnsupported = true
        return
      }
      if (platform === 'darwin') app.setLoginItemSettings({ openAtLogin })
      // The same path and arguments on and off: Windows finds the entry to remove by them.
      else if (platform === 'win32')
        app.setLoginItemSettings({ openAtLogin, path: execPath, args: [HIDDEN_ARG] })
      else linux.set(openAtLogin)
    },
  }
}

/** Whether the OS started this process at login (macOS says so; elsewhere the arguments do). */
export function wasOpenedAtLogin(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin
}
