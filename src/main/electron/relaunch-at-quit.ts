/**
 * The one Standby a quit may start again. Electron's `app.relaunch` starts one more copy per call
 * once this process ends, and nothing takes a call back: a relaunch after an unexpected error and
 * a link clicked as Standby quit, each calling it, started two copies. Both ask here instead, and
 * the quit starts one Standby that carries what each asked for. A relaunch after an error also
 * carries the link clicked that had not opened yet, which the expert did not quit on.
 */
import { app, autoUpdater } from 'electron'
import electronUpdater from 'electron-updater'
import type { Logger } from '../core/ports/logger'
import { relaunchArgs } from '../core/startup/last-resort'
import { errorMessage } from '../../shared/error-message'
import { runningAppImage } from '../node/app-image'
import { linkHandlerArgs, type ProcessFacts } from './deep-links'
import { deepLinkUrl } from '../../shared/deep-link'
import { linkClickedAtArg } from '../core/deep-links/deep-link-argv'
import type { DeepLinkInbox } from '../core/deep-links/deep-link-inbox'

/** What a relaunch needs of the process and of electron-updater. */
export interface RelaunchAtQuitOptions {
  readonly log: Logger
  /** electron-updater's updater: an update waiting to install at this quit waits for the next one. */
  readonly updater?: () => { autoInstallOnAppQuit: boolean } | undefined
  /**
   * The link clicked that has not opened yet (waiting for the app to be ready, a sign-in or a
   * catch-up): a relaunch after an error opens it, as the run it replaces would have.
   */
  readonly links?: Pick<DeepLinkInbox, 'waiting'>
  /** The wall clock the carried link's click time is told by; Date.now unless a test sets one. */
  readonly now?: () => number
  readonly process?: Pick<NodeJS.Process, 'env' | 'execPath' | 'platform'> &
    ProcessFacts & { readonly argv: ReadonlyArray<string> }
}

/** What the parts of Standby that want a relaunch ask for; the quit starts at most one copy. */
export interface RelaunchAtQuit {
  /**
   * Quits, and once nothing can stop that quit starts Standby again flagged as relaunched after an
   * unexpected error (relaunchArgs). A quit that is cancelled starts nothing, then or later.
   */
  quitAfterError(): void
  /** The quit under way ends in a Standby that opens `link` (the latest one asked for wins). */
  openAfterQuit(link: string): void
}

/**
 * This run's profile switches, spelt any way Chromium reads them: `-` as well as `--`, and on
 * Windows also `/` and any letter case. A spelling left out would start the default profile.
 */
function profileSwitches(argv: ReadonlyArray<string>, platform: NodeJS.Platform): string[] {
  const profile = platform === 'win32' ? /^(?:--?|\/)user-data-dir=/i : /^--?user-data-dir=/
  return argv.filter((arg) => profile.test(arg))
}

/** Listens to this process's quits, from now on, for the relaunch each may end in. */
export function createRelaunchAtQuit(options: RelaunchAtQuitOptions): RelaunchAtQuit {
  const { log } = options
  const target = options.process ?? process
  let wish: { afterError: boolean; link?: string } = { afterError: false }
  // macOS's Squirrel and electron-updater's other updaters alike say so before they quit.
  let updateRestart = false
  autoUpdater.on('before-quit-for-update', () => (updateRestart = true))
  autoUpdater.on('error', () => (updateRestart = false))
  // macOS: once Squirrel has an update (Electron's own autoUpdater says so), it installs it as this
  // process ends, however the quit began, and nothing here can stop that (autoInstallOnAppQuit is
  // electron-updater's, not Squirrel's): a Standby started on a link would start as its app is
  // being replaced.
  let installsAtExit = false
  autoUpdater.on('update-downloaded', () => (installsAtExit = true))
  // Set while this module's own quit begins: its 'before-quit' is that quit's, not a new one.
  let ownQuitBeginning = false
  // A 'before-quit' is a new quit, the one a wish came in having been cancelled (a window's close or
  // a 'will-quit' prevented, which Electron does without a word): nothing is kept for a quit hours later.
  app.on('before-quit', () => {
    if (ownQuitBeginning) return
    if (wish.afterError)
      log.info('The quit to relaunch after an unexpected error was cancelled: this quit does not relaunch')
    wish = { afterError: false }
  })
  /** What this quit's relaunch opens, of the link asked for; undefined where it must not. */
  const linkToOpen = (link: string | undefined, exitCode: number): string | undefined => {
    if (link === undefined) return undefined
    if (updateRestart) {
      log.info(`A link came as Standby restarted to update; it opens when clicked again in the new version`)
      return undefined
    }
    if (installsAtExit && !wish.afterError) {
      log.info(
        'A link came as Standby quit with an update to install; it does not start again on it. Click the link again: the new version opens it.',
      )
      return undefined
    }
    // A failed start exits with a code of its own: started again, it would fail the same way,
    // showing its dialog once more for a link it cannot open.
    if (exitCode !== 0 && !wish.afterError) {
      log.info(
        'A link came as Standby stopped after it could not start; it does not start again on it. Click the link again once Standby runs.',
      )
      return undefined
    }
    return link
  }
  const relaunchNow = (exitCode: number): void => {
    // The expert's own quit drops a waiting link: quitting came after the click.
    const waiting = wish.afterError && wish.link === undefined ? options.links?.waiting() : undefined
    const link = linkToOpen(wish.link ?? (waiting && deepLinkUrl(waiting.link)), exitCode)
    const { afterError } = wish
    wish = { afterError: false }
    if (!afterError && link === undefined) return
    const what = afterError ? 'after an unexpected error' : 'on a link that came as it quit'
    try {
      // After an error, this run's command line, flagged; for a link alone, as a click with Standby
      // closed starts it: this run's `--hidden` would keep the window closed. Only its profile goes on,
      // which the link's launch shared to reach this copy. The link, if any, is last, as a click puts it.
      const args = afterError
        ? relaunchArgs(target.argv.slice(1))
        : [...linkHandlerArgs(target), ...profileSwitches(target.argv, target.platform)]
      // A waiting link goes with when it was clicked: the new run ages it from then, not afresh.
      if (link !== undefined && waiting !== undefined)
        args.push(linkClickedAtArg((options.now ?? Date.now)() - waiting.waitedMs))
      if (link !== undefined) args.push(link)
      // An AppImage's executable is inside its mount, which is gone once this run exits.
      const appImage = runningAppImage(target.env, target.execPath)
      // Electron answers whether its relaunch helper started, though its typings say nothing.
      const started: unknown = app.relaunch(appImage === undefined ? { args } : { args, execPath: appImage })
      if (started === false) throw new Error('Electron could not start the process that relaunches it')
      // The relaunched run installs a waiting update at its own quit, not racing this one's; with
      // no relaunch, this quit installs it as any quit does. Set ahead of electron-updater's 'quit'.
      const updater = (options.updater ?? (() => electronUpdater.autoUpdater))()
      if (updater !== undefined) updater.autoInstallOnAppQuit = false
      log.info(
        afterError
          ? `Standby starts again after an unexpected error${link === undefined ? '' : ', and opens the link it had not opened yet'}`
          : 'A link came as Standby was quitting; Standby starts again on it',
      )
    } catch (error) {
      log.warn(
        `Standby could not start again ${what}: ${errorMessage(error)}. Start Standby again yourself${link === undefined ? '' : ', then click the link again'}.`,
      )
    }
  }
  // Electron emits 'quit' once nothing can cancel the quit; first of its listeners, ahead of
  // electron-updater's, which installs a waiting update.
  app.prependListener('quit', (_event: unknown, exitCode: number) => relaunchNow(exitCode))
  return {
    quitAfterError() {
      wish = { ...wish, afterError: true }
      ownQuitBeginning = true
      try {
        // Electron emits a quit's 'before-quit' within `app.quit()`.
        app.quit()
      } finally {
        ownQuitBeginning = false
      }
    },
    openAfterQuit(link) {
      wish = { ...wish, link }
    },
  }
}
