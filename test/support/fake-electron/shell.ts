/** `shell`: the OS's default handlers for URLs and folders. */
import { vi } from 'vitest'
import type { Shell } from 'electron'

/**
 * `shell.openExternal`, recorded. Like Electron's it rejects when the OS has no handler for the
 * URL (set `noHandler` to play a machine without a default browser) and for text that is no URL.
 */
export class FakeShell implements Pick<Shell, 'openExternal' | 'openPath'> {
  /** Every URL handed to the OS, oldest first. */
  readonly opened: string[] = []
  /** True plays a machine without a default browser. */
  noHandler = false

  openExternal = vi.fn<Shell['openExternal']>(async (url: string) => {
    if (!URL.canParse(url) || this.noHandler) throw new Error(`Failed to open: ${url}`)
    this.opened.push(url)
  })

  /** Answers '' (opened) as Electron does, or the error's text; a test may replace it. */
  openPath = vi.fn<Shell['openPath']>(async () => '')
}
