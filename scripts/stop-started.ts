/**
 * How `npm start` stops what it started, once, whichever asks first (a signal, or Electron's
 * exit): the host first, so that its last settings and its cache are written while the embedded
 * platform still answers, then the platform. A stop asked while the browser shell is still
 * starting waits for it and closes it: ended mid-start, its cache would be left open, and the next
 * start would check it whole.
 */

/** The Electron app started from the script, as far as stopping it goes. */
export interface StartedElectron {
  readonly exitCode: number | null
  readonly signalCode: NodeJS.Signals | null
  kill(): boolean
  once(event: 'exit', listener: () => void): unknown
}

/** What the script has started so far; `shell` is set as soon as the browser shell starts starting. */
export interface Started {
  electron?: StartedElectron
  shell?: Promise<{ close(): Promise<void> }>
}

/** Stops `started`, then `platform`; the same promise however often it is called. */
export function stopStarted(
  started: Started,
  platform: { stop(): Promise<void> } | null,
): () => Promise<void> {
  let stopped: Promise<void> | undefined
  return () =>
    (stopped ??= (async () => {
      const electron = started.electron
      if (electron !== undefined && electron.exitCode === null && electron.signalCode === null) {
        const gone = new Promise<void>((resolve) => electron.once('exit', resolve))
        electron.kill()
        await gone
      }
      // A shell that failed to start holds nothing; its failure is told where it was started.
      const shell = await started.shell?.catch(() => null)
      await shell?.close()
      await platform?.stop()
    })())
}
