/**
 * The desktop entry Standby writes to start at login on Linux (src/main/node/autostart-entry.ts
 * writes and removes it): its text, its Exec line quoted as desktops read it, and how Standby
 * knows an entry of its own from one of the same name the expert made.
 */
import { HIDDEN_ARG } from './start-hidden'
import { readBoundedFileSync, UnexpectedFileError } from './bounded-file'

/** The entry's file name: the same as the installed app's .desktop file, as desktops expect. */
export const AUTOSTART_FILE = 'standby.desktop'

/**
 * One argument of an Exec line: quoted whole, with `"`, `` ` ``, `$` and `\` escaped by the
 * quoting rule, then every `\` escaped again by the string rule that desktop files apply first,
 * and `%` doubled so it is not read as a field code. Control characters have no spelling there.
 */
export function desktopExecArg(arg: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(arg)) {
    throw new ControlCharacterError(
      `The path ${JSON.stringify(arg)} has a control character, which an autostart entry cannot hold`,
    )
  }
  const quoted = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%')
}

/** The comment line of every entry Standby writes; earlier versions knew their own by it alone. */
const OWN_COMMENT = 'Comment=Keeps you reachable for live-help invites'

/**
 * The key every entry Standby writes carries: desktops ignore `X-` keys and their settings tools
 * keep them when they rewrite an entry, so it still says whose the file is once its comment changed.
 */
const OWN_KEY = 'X-Standby-Written-By=Standby'

/** A path an Exec line cannot hold: nothing is written, rather than an entry that runs something else. */
export class ControlCharacterError extends Error {
  override readonly name = 'ControlCharacterError'
}

/**
 * The autostart entry that starts `executable` hidden in the tray, with `args` before `--hidden`
 * (the switch of the profile to start, for one other than the default).
 */
export function autostartDesktopEntry(executable: string, args: ReadonlyArray<string> = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Standby',
    OWN_COMMENT,
    OWN_KEY,
    `Exec=${[executable, ...args].map(desktopExecArg).join(' ')} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Longer than any entry Standby writes: a file this size is someone else's, and is not read. */
const MAX_OWN_ENTRY_BYTES = 16 * 1024

/**
 * Whether the file at `path` is an entry Standby wrote, by this version or an earlier one, for any
 * executable. The expert may have added Standby in their desktop's startup settings instead (KDE's
 * Autostart and GNOME Tweaks copy the app's own standby.desktop under its name): that one is theirs,
 * and turning Standby's switch off, as it is at every start by default, must not remove it.
 */
export function isOwnAutostartEntry(path: string): boolean {
  return ownEntryLines(path) !== null
}

/** Why a file at the entry's name could not be read that still tells it is not Standby's. */
const NOT_OURS_OR_GONE = new Set(['ENOENT', 'EACCES', 'EPERM'])

/** The lines of the entry at `path` when Standby wrote it (isOwnAutostartEntry); null otherwise. */
export function ownEntryLines(path: string): string[] | null {
  let text: string
  try {
    // Not followed, and only a plain file is read, judged as opened: a pipe would never end.
    text = readBoundedFileSync(path, MAX_OWN_ENTRY_BYTES, 'refuse').toString('utf8')
  } catch (error) {
    // A link, a pipe or a file larger than any Standby writes is not Standby's entry.
    if (error instanceof UnexpectedFileError) return null
    // One this user may not read is not one Standby wrote (readable by all): it is someone else's.
    if (NOT_OURS_OR_GONE.has(String((error as NodeJS.ErrnoException).code))) return null
    throw error
  }
  // Its key (or an earlier version's comment) and its hidden start, whatever else a desktop's
  // settings tool added or rewrote.
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd())
  const exec = lines.filter((line) => line.startsWith('Exec='))
  const marked = lines.includes(OWN_KEY) || lines.includes(OWN_COMMENT)
  return marked && exec.length === 1 && exec[0]!.endsWith(` ${HIDDEN_ARG}`) ? lines : null
}

/**
 * Whether the desktop's startup settings turned Standby's own entry off, keeping the file: the
 * spec's `Hidden=true` (Xfce's unticked box), or GNOME's `X-GNOME-Autostart-enabled=false`.
 */
export function turnedOffByDesktop(lines: ReadonlyArray<string>): boolean {
  return lines.some((line) => /^(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)$/.test(line))
}
