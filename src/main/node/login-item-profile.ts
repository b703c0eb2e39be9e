/**
 * Which profile a login item starts. A profile other than the default one is another userData
 * folder, chosen by Chromium's `--user-data-dir` switch: a login item without it starts the
 * default profile, whichever profile turned launch at login on.
 */
import { resolve } from 'node:path'

/** The switch that starts the profile whose userData folder is `folder`, as Chromium reads it. */
export function profileSwitch(folder: string): string {
  return `--user-data-dir=${folder}`
}

/**
 * The folder a login item must name for this run's profile (`userData`): undefined for the
 * default profile (`defaultUserData`), which a login item starts without a switch.
 */
export function loginItemProfile(userData: string, defaultUserData: string): string | undefined {
  return resolve(userData) === resolve(defaultUserData) ? undefined : userData
}

/**
 * One argument of a Windows command line (a Run value), quoted so that Windows' parser
 * (CommandLineToArgvW, which Chromium uses) reads it back whole: a space or tab would end it
 * early, and backslashes before a quote are read as escapes.
 */
export function windowsCommandLineArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg
  let quoted = '"'
  let backslashes = 0
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1
      continue
    }
    // Backslashes before a quote are doubled, and the quote escaped; elsewhere they stand as they are.
    quoted += char === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${char}`
    backslashes = 0
  }
  // Those at the end come before the closing quote: doubled, so it still closes.
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`
}
