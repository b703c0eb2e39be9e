/**
 * The settings and the health lines Settings shows, as the IPC contract (contract.ts) carries
 * them. Apart from contract.ts to keep it short; the channels themselves stay listed there.
 */
import { z } from 'zod'
import { UpdateChannel } from '../update/update-state'
import { PlatformAddress } from './sign-in-schemas'

/**
 * The settings the window shows and changes. The stored settings (SettingsSchema in
 * src/main/core/ports/settings.ts) are this schema with defaults, and every change is validated
 * against it again before it is stored.
 */
export const AppSettings = z.object({
  /** The platform last signed in to (prefills the sign-in form); null for the embedded one. */
  platformUrl: PlatformAddress.nullable(),
  remindersEnabled: z.boolean(),
  soundEnabled: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Switch to away while the computer is idle or locked, and back when the expert returns. */
  autoAwayEnabled: z.boolean(),
  /** How many minutes without input count as idle. */
  autoAwayMinutes: z.number().int().min(1).max(240),
  /** Which releases the updater follows. */
  updateChannel: UpdateChannel,
})
/** The settings the window shows and changes. */
export type AppSettings = z.infer<typeof AppSettings>

/**
 * Whether notifications reach the expert (the Notifier port's health): `advice` says what is wrong
 * and what to do, for the banner and the Settings line.
 */
export const NotificationHealth = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }).strict(),
  z.object({ status: z.enum(['unsupported', 'failing', 'silenced']), advice: z.string().max(500) }).strict(),
])
/** Whether notifications reach the expert. */
export type NotificationHealth = z.infer<typeof NotificationHealth>

/**
 * What became of the launch-at-login setting: carried out, or not, with `problem` saying why and
 * what the expert can do instead (for the line beside the switch in Settings).
 */
export const LoginItemStatus = z.discriminatedUnion('applied', [
  z.object({ applied: z.literal(true) }).strict(),
  z.object({ applied: z.literal(false), problem: z.string().min(1).max(500) }).strict(),
])
/** What became of the launch-at-login setting. */
export type LoginItemStatus = z.infer<typeof LoginItemStatus>
