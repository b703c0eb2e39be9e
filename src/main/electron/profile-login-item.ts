/**
 * The login item of this run's profile. Every profile (another userData folder) shares the one
 * login item, so they share its note, kept in the default profile's folder, where it always was;
 * the item names the profile that turned it on, where the OS lets it (login-item-profile.ts).
 */
import { app } from 'electron'
import { join } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { createLoginItem, type ElectronLoginItem } from './adapters/login-item'
import { fileLoginItemRecord, LOGIN_ITEM_RECORD_FILE } from '../node/login-item-record'
import { loginItemProfile } from '../node/login-item-profile'

/** The login item as this run's profile turns it on and off. */
export function createProfileLoginItem(log: Logger): ElectronLoginItem {
  const userData = app.getPath('userData')
  const defaultUserData = join(app.getPath('appData'), app.getName())
  const profile = loginItemProfile(userData, defaultUserData)
  return createLoginItem({
    log,
    record: fileLoginItemRecord(join(defaultUserData, LOGIN_ITEM_RECORD_FILE), log, userData),
    ...(profile === undefined ? {} : { profile }),
  })
}
