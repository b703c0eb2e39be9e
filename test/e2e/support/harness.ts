/**
 * The e2e fixtures: Debian's Chromium through Playwright's library API, a browser shell per test
 * (its own data directory, guaranteed teardown) sharing the test platform's ManualClock, so one
 * `platform.clock.advance(ms)` moves the platform, the app's core and the UI's notion of now.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright'
import { startBrowserShell, type BrowserShell } from '../../../src/browser-shell/browser-shell'
import { createFileSecrets, NODE_DATA_FILES } from '../../../src/main/node/adapters'
import type { SettingsValues } from '../../../src/main/core/ports/settings'
import type { Clock } from '../../../src/shared/clock'
import type { ConnectionState } from '../../../src/shared/connection-state'
import { TEST_START, type TestPlatform } from '../../support/test-platform'
import { logTail, PendingWaits, RecordingLog, reportOnFailure } from './failure-report'
import { DAY_AND_TIME, needsYear, WITH_YEAR } from '../../../src/shared/day-time-options'
import { MAIN_WINDOW_SIZE, POPOVER_SIZE, type WindowSize } from '../../../src/shared/window-sizes'

/**
 * Chromium without sandbox, GPU or any network of its own (this machine has none), and without
 * the omnibox's pop-up: headless Chromium builds that WebUI page for every new tab, in a renderer
 * of its own, and on 2 cores its scripts ran in the middle of each page load the UI bench timed.
 * An Electron window has no omnibox, so the page being measured is all that loads.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
]

/** The machine's Chromium; Playwright downloads no browser here. */
export const CHROMIUM_PATH = process.env['STANDBY_CHROMIUM'] ?? '/usr/bin/chromium'

/**
 * Why no Chromium can be launched from `path`, with what to do; null when an executable is there.
 * Playwright's own error says only that the file does not exist.
 */
export function missingChromium(path: string, named: boolean): string | null {
  try {
    accessSync(path, constants.X_OK)
    return null
  } catch {
    const where = named ? `${path} (from STANDBY_CHROMIUM)` : path
    return (
      `No Chromium to run at ${where}: the end-to-end tests and the UI bench drive the machine's Chromium, ` +
      'as Playwright downloads none here. Install it (`apt-get install chromium`), or set STANDBY_CHROMIUM ' +
      'to a Chromium or Chrome executable.'
    )
  }
}

/** The expert's OS locale and time zone, fixed so the tests can say what the screen shows. */
export const LOCALE = 'en-GB'
export const TIME_ZONE = 'Europe/Berlin'

/** Launch Chromium, or fail saying how to get one. */
export function launchChromium(): Promise<Browser> {
  const missing = missingChromium(CHROMIUM_PATH, process.env['STANDBY_CHROMIUM'] !== undefined)
  if (missing !== null) return Promise.reject(new Error(missing))
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** An expert of the test platform, with what the sign-in form needs. */
export interface TestExpert {
  readonly id: string
  readonly token: string
  readonly email: string
  readonly password: string
  readonly name: string
}

/** Add an online expert with these skills. */
export function addExpert(platform: TestPlatform, name: string, tags: string[]): TestExpert {
  const { id, token } = platform.addExpert({ name, tags })
  const expert = platform.server.marketplace.store.expert(id)
  // test-platform.ts gives every expert this password.
  return { id, token, email: expert.email, password: 'test-password', name }
}

/** A running shell with its data directory. */
export interface TestShell {
  readonly shell: BrowserShell
  readonly dataDir: string
  /** The connection state as the core publishes it (the UI shows the same). */
  connection(): ConnectionState
  /** Resolves once the core's connection matches. */
  waitForConnection(match: (state: ConnectionState) => boolean): Promise<ConnectionState>
  /** Resolves once the shell's stored settings match (a change from the page has been saved). */
  waitForSettings(match: (settings: SettingsValues) => boolean): Promise<SettingsValues>
  /** `promise`, named in the failure report as what the test waits for until it settles. */
  waitingFor<T>(what: string, promise: Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Start a browser shell on its own data directory; signed in already when `expert` is given. The
 * app shares the platform's clock unless given its own (a computer whose clock is off).
 */
export async function startShell(
  platform: TestPlatform,
  expert?: TestExpert,
  clock: Clock = platform.clock,
): Promise<TestShell> {
  const dataDir = mkdtempSync(join(tmpdir(), 'standby-e2e-'))
  mkdirSync(dataDir, { recursive: true })
  const log = new RecordingLog()
  if (expert !== undefined) {
    // What a completed sign-in stores; the core resumes it when it starts.
    await createFileSecrets({ path: join(dataDir, NODE_DATA_FILES.signIn), log }).save({
      platformUrl: platform.server.url,
      token: expert.token,
      expertId: expert.id,
    })
  }
  const shell = await startBrowserShell({
    dataDir,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    log,
    out: { write: () => true },
    defaultPlatformUrl: platform.server.url,
    clock,
    version: '0.1.0',
  })
  const core = shell.runtime.core
  const waits = new PendingWaits()
  const stopReporting = reportOnFailure({
    describe: () =>
      [
        `Browser shell of ${expert?.name ?? 'nobody signed in'} (${dataDir})`,
        `connection: ${JSON.stringify(core.connection)}`,
        'still waiting for:',
        waits.describe(),
        'log:',
        logTail(log.lines),
      ].join('\n'),
  })
  return {
    shell,
    dataDir,
    connection: () => core.connection,
    waitingFor: (what, promise) => waits.track(what, promise),
    waitForSettings(match) {
      const settings = shell.adapters.settings
      return waits.track(
        `stored settings that match ${match.toString().slice(0, 120)}`,
        new Promise((resolve) => {
          if (match(settings.get())) return resolve(settings.get())
          const off = settings.onChange((values) => {
            if (!match(values)) return
            off()
            resolve(values)
          })
        }),
      )
    },
    waitForConnection(match) {
      return waits.track(
        `a connection state that matches ${match.toString().slice(0, 120)}`,
        new Promise((resolve) => {
          if (match(core.connection)) return resolve(core.connection)
          const off = core.states.add((state) => {
            if (!match(state)) return
            off()
            resolve(state)
          })
        }),
      )
    },
    async close() {
      await waits.track('the shell to close', shell.close())
      stopReporting()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** How to open the app. */
export interface OpenAppOptions {
  readonly popover?: boolean
  readonly colorScheme?: 'light' | 'dark'
  /**
   * The browser's time zone; TIME_ZONE unless given. Null leaves it to the test, which sets it over
   * the devtools protocol (Emulation.setTimezoneOverride) and can then change it under the open page.
   */
  readonly timeZone?: string | null
  /** Runs on the new page before it loads the app (to route its IPC socket, say). */
  readonly beforeLoad?: (page: Page) => Promise<void>
  /** The page's size; the size Electron opens that window at unless given. */
  readonly size?: WindowSize
}

/** A page of the app in its own browser context: locale, time zone and colour scheme fixed. */
export async function openApp(
  browser: Browser,
  shell: TestShell,
  options: OpenAppOptions = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    locale: LOCALE,
    ...(options.timeZone === null ? {} : { timezoneId: options.timeZone ?? TIME_ZONE }),
    colorScheme: options.colorScheme ?? 'light',
    // The sizes Electron opens the windows at, unless a test asks for another.
    viewport: { ...(options.size ?? (options.popover ? POPOVER_SIZE : MAIN_WINDOW_SIZE)) },
    reducedMotion: 'reduce',
  })
  const page = await context.newPage()
  await options.beforeLoad?.(page)
  const url = new URL(shell.shell.url)
  if (options.popover) url.searchParams.set('view', 'popover')
  await page.goto(url.toString())
  return { page, context }
}

/** "13:00": a time as the page writes it (same locale and zone as the page). */
export function pageTime(t: number): string {
  return new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short', timeZone: TIME_ZONE }).format(t)
}

/**
 * "Tue 6 Jan, 13:00": a day and time as the page writes it (in `timeZone` when the page is there),
 * with its year outside `now`'s year: the platform's time, which the page goes by and which starts
 * at TEST_START whatever the computer's clock says (a test that moves it into another year passes it).
 */
export function pageDayTime(t: number, timeZone = TIME_ZONE, now = TEST_START): string {
  const year = needsYear(t, now, timeZone) ? WITH_YEAR : {}
  return new Intl.DateTimeFormat(LOCALE, { ...DAY_AND_TIME, ...year, timeZone }).format(t)
}

/**
 * Keep the link retrying on the manual clock until the connection is offline: each failed attempt
 * schedules the next on the clock, and the test moves the clock to it.
 */
export async function driveUntil(
  platform: TestPlatform,
  shell: TestShell,
  status: ConnectionState['status'],
): Promise<void> {
  for (let step = 0; step < 20; step++) {
    const state = await shell.waitForConnection(
      (s) =>
        s.status === status ||
        ((s.status === 'reconnecting' || s.status === 'offline') && s.nextAttemptAt !== null),
    )
    if (state.status === status) return
    if ((state.status === 'reconnecting' || state.status === 'offline') && state.nextAttemptAt !== null) {
      const due = state.nextAttemptAt
      platform.clock.advanceTo(Math.max(platform.clock.now(), due))
      // The attempt now runs on real sockets; wait until it has answered one way or the other.
      await shell.waitForConnection((s) => s.status === status || !sameWait(s, state))
    }
  }
  throw new Error(`The connection did not become ${status}; it is ${JSON.stringify(shell.connection())}`)
}

function sameWait(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
