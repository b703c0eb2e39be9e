/** Text as a native menu (the tray's, the right-click menu) shows it. */
import { MENU_LINE_MAX } from '../../shared/os-limits'
import { shownText } from '../../shared/protocol/text'

/**
 * A label as the menu should show it: one short line (shownText), and on Windows and Linux every
 * "&" doubled, since those menus take it as the mark of a keyboard shortcut, so a client's "Q&A"
 * would lose its "&" and underline the "A".
 */
export function menuText(label: string, platform: NodeJS.Platform): string {
  const line = shownText(label, { max: MENU_LINE_MAX })
  return platform === 'darwin' ? line : line.replaceAll('&', '&&')
}
