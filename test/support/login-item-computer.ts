/** One computer's launch at login, started again and again, for tests of what a start finds. */
import { join } from 'node:path'
import { followLaunchAtLogin } from '../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../src/main/core/settings/settings-store'
import { createLoginItem } from '../../src/main/electron/adapters/login-item'
import { fileLoginItemRecord, LOGIN_ITEM_RECORD_FILE } from '../../src/main/node/login-item-record'
import { loginItemProfile } from '../../src/main/node/login-item-profile'
import { fake } from './fake-electron'
import { memoryFile } from './memory-settings-file'
import { recordingLog } from './recording-log'

/**
 * One computer: each profile's settings file (by its userData folder; `launchAtLogin` for a new one),
 * the note every profile shares, in the default profile's folder ('Standby') as on a real computer,
 * and the config folder, kept across starts. A profile other than 'Standby' starts as
 * `--user-data-dir` names it, as createProfileLoginItem tells the login item.
 */
export function computer(platform: NodeJS.Platform, tempDir: () => string) {
  fake.platform = platform
  const files = new Map<string, ReturnType<typeof memoryFile>>()
  const shared = tempDir()
  const config = tempDir()
  const note = join(shared, 'Standby', LOGIN_ITEM_RECORD_FILE)
  const start = ({ profile = 'Standby', execPath = '/opt/Standby/standby', launchAtLogin = true } = {}) => {
    const log = recordingLog()
    const file = files.get(profile) ?? memoryFile({ launchAtLogin, settingsVersion: 1 })
    files.set(profile, file)
    const settings = createSettingsStore(file, log)
    const loginItem = createLoginItem({
      log,
      platform,
      env: { XDG_CONFIG_HOME: config },
      execPath,
      record: fileLoginItemRecord(note, log, join(shared, profile)),
      now: () => 1_000,
      ...profileOption(join(shared, profile), join(shared, 'Standby')),
    })
    const following = followLaunchAtLogin(settings, loginItem, log)
    return { settings, following, log, loginItem }
  }
  return {
    start,
    /** The userData folder of `profile`. */
    folder: (profile: string) => join(shared, profile),
    entry: join(config, 'autostart', 'standby.desktop'),
    note,
  }
}

/** The login item's `profile` for the folder `userData`: none for the default profile. */
function profileOption(userData: string, defaultUserData: string): { profile?: string } {
  const profile = loginItemProfile(userData, defaultUserData)
  return profile === undefined ? {} : { profile }
}

/** Turns the switch of a profile `computer().start` started on or off, as the expert does in Settings. */
export function turnSwitch(started: ReturnType<ReturnType<typeof computer>['start']>, on: boolean): void {
  started.settings.update({ launchAtLogin: on })
  started.settings.flush()
}
