/**
 * One download of an update through the Updater, within the pace download-pace.ts asks for, that
 * the policy can stop at once when the computer wakes: a download cut by the sleep would otherwise
 * show no progress until its stall window passed. It is downloaded again at once instead
 * (electron-updater resumes none), and its status says so.
 */
import type { Clock } from '../../../shared/clock'
import type { Updater } from '../ports/updater'
import { withinPace } from './download-pace'
import type { UpdateTimings } from './update-deps'
import { progressPercent } from './update-transitions'

/** The computer woke while a check or download was under way: it is started again, no failure. */
export class WokeMidway extends Error {
  constructor() {
    super('The computer woke during the update check or download')
  }
}

/** Downloads through `updater`, telling `progress` each percent that counts; aborting `stop` cancels it. */
export function pacedDownload(
  deps: { readonly clock: Clock; readonly updater: Pick<Updater, 'download' | 'cancelDownload'> },
  timings: Pick<UpdateTimings, 'downloadStallMs' | 'downloadFloorBytes' | 'downloadDeadlineMs'>,
  progress: (percent: number) => void,
  stop: AbortSignal,
): Promise<void> {
  const { downloadStallMs, downloadFloorBytes, downloadDeadlineMs } = timings
  const { clock, updater } = deps
  return withinPace(
    clock,
    { stallMs: downloadStallMs, floorBytes: downloadFloorBytes, deadlineMs: downloadDeadlineMs },
    () => updater.cancelDownload(),
    (heard) =>
      updater.download((percent, receivedBytes) => {
        if (heard(receivedBytes)) progress(progressPercent(percent))
      }),
    stop,
  )
}
