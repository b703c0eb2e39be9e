/**
 * The one line `npm start` ends with when it cannot start: a build that failed is the checkout's
 * own code, whose compiler output is already on the terminal, so it is told as such (not as a
 * failure to report with a log file that holds nothing of it); anything else in the words
 * Electron's dialog uses, naming the log file when the shell wrote one.
 */
import { BuildFailedError } from './build-app'
import { describeStartupFailure } from '../src/main/core/startup/startup-failure'

/** What to print for `error`; `logPath` is the browser shell's log file when it exists. */
export function startFailureLine(error: unknown, logPath: string | null): string {
  if (error instanceof BuildFailedError) {
    return (
      `The build failed at \`${error.step}\`; its output above says where. Fix that (or check out a ` +
      'commit that builds), then run the command again.'
    )
  }
  const failure = describeStartupFailure(error, { logPath, packaged: false })
  return `${failure.title}. ${failure.message}`
}
