/**
 * How much one answer of an update's download may bring: no more than the size the feed gives its
 * files, when it gives every one a size, and never past the adapter's own bound. electron-updater
 * writes whatever arrives, and checks the sha512 only once the server stops sending. A block map,
 * whose size the feed does not give, is bounded by update-block-map-bound.ts, and falls back to a
 * whole download when too large.
 */
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import { offeredFiles } from './update-feed-guards'

/** The bound of a download and the sentence that says it was passed. */
export interface DownloadBound {
  /** The most the answer for `path` may bring. */
  readonly bound: (path: string | undefined) => number
  readonly tooMuch: string
}

/** The bound for the download of the update `updater` last offered; `most` whatever the feed says. */
export function downloadBound(updater: AppUpdater, most: number): DownloadBound {
  const offered = (updater as unknown as { updateInfoAndProvider?: { info?: UpdateInfo } | null })
    .updateInfoAndProvider?.info
  const declared = offered === undefined ? undefined : declaredMostBytes(updater, offered)
  const maxBytes = Math.min(most, declared ?? most)
  const much =
    maxBytes < most
      ? `more than the ${maxBytes} bytes its release information gives the update`
      : `more than ${most / 1024 / 1024} MiB for the update, far more than an update of Standby is`
  return {
    bound: (path) => (/\.blockmap(\?|$)/.test(path ?? '') ? most : maxBytes),
    tooMuch: `The update server sent ${much}, so the download was stopped and nothing was installed`,
  }
}

/**
 * The most bytes one answer of the offered update may bring: the largest size the feed gives its
 * files, when it gives every file one, else undefined. More is not the file the feed describes.
 */
function declaredMostBytes(updater: AppUpdater, info: UpdateInfo): number | undefined {
  let sizes: unknown[]
  try {
    sizes = offeredFiles(updater, info)?.files.map((file) => file.info?.size) ?? []
  } catch {
    return undefined
  }
  const valid = sizes.every((size) => typeof size === 'number' && Number.isSafeInteger(size) && size > 0)
  return valid && sizes.length > 0 ? Math.max(...(sizes as number[])) : undefined
}
