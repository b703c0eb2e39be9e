/**
 * The system browser. Electron: `shell.openExternal`; Node (browser shell, tests): each URL
 * recorded and printed. Which URLs may reach it is the core's policy (rooms/platform-page.ts),
 * not the adapter's.
 */

/** Opens a web page outside the app. */
export interface ExternalBrowser {
  /** Hand `url` to the system browser; rejects when the OS could not. */
  open(url: string): Promise<void>
}
