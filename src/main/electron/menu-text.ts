/** Text as a native menu (the tray's, the right-click menu) shows it. */
import { MENU_LINE_MAX } from '../../shared/os-limits'
import { shownText } from '../../shared/protocol/text'
import { clipText, cutBeforeWord } from '../../shared/text-cut'

/**
 * A label as the menu should show it: one short line (shownText), and on Windows and Linux every
 * "&" doubled, since those menus take it as the mark of a keyboard shortcut, so a client's "Q&A"
 * would lose its "&" and underline the "A".
 */
export function menuText(label: string, platform: NodeJS.Platform): string {
  return menuMarks(shownText(label, { max: MENU_LINE_MAX }), platform)
}

/**
 * A sentence the menu says whole (why Standby is not connected, and what to do), as lines of at
 * most one menu line each, broken between words, in at most `most` lines, the last cut with an
 * ellipsis: cut to one line, it would lose the advice that ends it.
 */
export function menuLines(text: string, platform: NodeJS.Platform, most: number): string[] {
  let rest = shownText(text, { max: MENU_LINE_MAX * most })
  const lines: string[] = []
  while (rest !== '' && lines.length < most - 1) {
    const line = cutBeforeWord(rest, MENU_LINE_MAX, LONGEST_WORD)
    // A character longer than a line (emoji joined past it) fits none: the lines end there, cut,
    // rather than go on empty until the last.
    if (line === '') break
    lines.push(line.trimEnd())
    rest = rest.slice(line.length).trimStart()
  }
  if (rest !== '') lines.push(clipText(rest, MENU_LINE_MAX))
  return lines.map((line) => menuMarks(line, platform))
}

/** A word longer than this (an unbroken run) is broken where the line ends rather than moved whole. */
const LONGEST_WORD = MENU_LINE_MAX / 2

/** `line` with each "&" doubled where the menu would take it for a shortcut's mark (Windows, Linux). */
function menuMarks(line: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? line : line.replaceAll('&', '&&')
}
