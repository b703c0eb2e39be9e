/**
 * Which host `npm start` runs Standby in: Electron when its binary and its SQLite addon can be
 * had, the browser shell otherwise. Neither missing piece stops the start: each is reported in one
 * line, and the browser shell runs the same core on Node's own build of SQLite.
 */

/** Where Standby will run. */
export type StartHost = { readonly kind: 'electron'; readonly binary: string } | { readonly kind: 'browser' }

/** What choosing needs; each step is passed in, so tests play a machine without internet. */
export interface ChooseHostOptions {
  /** `npm run shell` / `--browser`: the browser shell was asked for. */
  readonly browserRequested: boolean
  /** The Electron executable, fetched if needed; null when it cannot be had. */
  readonly findElectron: () => string | null
  /** Builds better-sqlite3 for Electron unless already built; throws when it cannot. */
  readonly prepareSqlite: () => Promise<unknown>
  /** Prints one line to the person starting the app. */
  readonly say: (line: string) => void
}

/** Picks the host, saying in one line why it is the browser shell when Electron was wanted. */
export async function chooseHost(options: ChooseHostOptions): Promise<StartHost> {
  if (options.browserRequested) return { kind: 'browser' }
  const binary = options.findElectron()
  if (binary === null) {
    options.say(
      "Electron's binary could not be downloaded (offline?), so Standby runs in your browser instead.",
    )
    return { kind: 'browser' }
  }
  try {
    await options.prepareSqlite()
  } catch (error) {
    options.say(
      `better-sqlite3 for Electron could not be built (${firstLine(error)}), so Standby runs in your ` +
        'browser instead; `npm run rebuild:electron-sqlite` retries once online with a C++ toolchain.',
    )
    return { kind: 'browser' }
  }
  return { kind: 'electron', binary }
}

/** The first line of an error's message: build tools print pages, the start prints one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]?.trim() || 'no reason given'
}
