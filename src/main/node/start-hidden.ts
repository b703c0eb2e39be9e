/** Whether Standby starts in the tray alone, without opening its window. */

/** The argument the login items and the autostart entry start Standby with. */
export const HIDDEN_ARG = '--hidden'

/** How this launch came about. */
export interface Launch {
  /** The process's arguments. */
  readonly argv: ReadonlyArray<string>
  /** macOS's word that it opened the app at login (its login items take no arguments). */
  readonly wasOpenedAtLogin: boolean
}

/** True when started at login or with `--hidden`: the expert did not ask for the window. */
export function startsHidden(launch: Launch): boolean {
  return launch.wasOpenedAtLogin || launch.argv.includes(HIDDEN_ARG)
}
