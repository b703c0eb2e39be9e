/**
 * The block maps of a differential download (Windows and macOS, beside the update; AppImage and
 * the Windows web installer's package, at the file's end), bounded before electron-updater parses them. It reads each whole into memory (up to its own bound of hundreds of megabytes), then
 * unpacks it with no bound at all and parses it on the main process: a small gzip bomb or a huge
 * map from a misconfigured or hostile server would take the main process's memory and time. Past
 * the bound, a map is refused with a sentence; electron-updater then falls back to downloading the
 * update whole, as it does whenever a differential download fails. Where electron-updater's reader
 * of embedded maps cannot be loaded to bound it, no embedded map is read at all.
 */
import { createRequire } from 'node:module'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import { AppImageUpdater, type AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { describeAddress } from '../../../shared/describe-untrusted'
import { errorMessage } from '../../../shared/error-message'

/**
 * Where electron-updater keeps the reader of embedded block maps: a file of its own, not part of
 * its API, so another version may move it; it is loaded where a failure can be answered.
 */
export const EMBEDDED_MAP_READER_MODULE =
  'electron-updater/out/differentialDownloader/FileWithEmbeddedBlockMapDifferentialDownloader'

/** The most a block map may be, as sent and unpacked: far above the map of any update of Standby. */
export const MAX_BLOCK_MAP_BYTES = 16 * 1024 * 1024

/** What a response handler is told: nothing when the answer ended well, or what failed. */
type Done = (error: Error | null) => void

/** One call of builder-util-runtime's download loop, as far as the bound needs it. */
interface DownloadCall {
  /** A file to write to; null when the answer is read into memory. */
  readonly destination: unknown
  readonly responseHandler: ((response: NodeJS.EventEmitter, callback: Done) => void) | null
}

/** The HTTP client electron-updater reads block maps with (builder-util-runtime's). */
interface BufferClient {
  downloadToBuffer(url: URL, options: unknown): Promise<Buffer>
  doDownload(requestOptions: unknown, call: DownloadCall, redirectCount: number): void
  createRequest(options: unknown, callback: (response: NodeJS.EventEmitter) => void): Abortable
}

/** A request of Electron's net, as far as stopping it needs. */
interface Abortable {
  abort?: () => void
}

/**
 * Refuse a block map larger than `most` bytes, as sent (the transfer is stopped there) or unpacked
 * (unpacking stops there), before electron-updater parses it.
 */
export function boundBlockMaps(
  updater: AppUpdater,
  log: Logger,
  most = MAX_BLOCK_MAP_BYTES,
  readerModule = EMBEDDED_MAP_READER_MODULE,
): void {
  const client = (updater as unknown as { httpExecutor?: Partial<BufferClient> | null }).httpExecutor
  if (typeof client === 'object' && client !== null) embeddedBound.set(client, most)
  if (!boundEmbeddedBlockMaps(readerModule, log)) readNoEmbeddedMaps(updater)
  if (
    typeof client?.downloadToBuffer !== 'function' ||
    typeof client.doDownload !== 'function' ||
    typeof client.createRequest !== 'function'
  ) {
    log.warn('Updater: this version of electron-updater cannot bound the block maps it reads.')
    return
  }
  const download = client.downloadToBuffer.bind(client)
  client.downloadToBuffer = async (url, options) => {
    const map = await download(url, options)
    if (map.length > most || unpacksPast(map, most)) throw new Error(tooLarge(url, most))
    return map
  }
  // Electron stops a transfer only when its request is aborted: destroying the answer leaves the
  // connection open, paused, for as long as Standby runs.
  const requestOf = new WeakMap<object, Abortable>()
  const create = client.createRequest.bind(client)
  client.createRequest = (options, callback) => {
    const request = create(options, (response) => {
      requestOf.set(response, request)
      callback(response)
    })
    return request
  }
  // Answers read into memory (downloadToBuffer's) are counted as they arrive: past the bound the
  // transfer is stopped, and what arrived is let go, instead of kept up to electron-updater's bound.
  const doDownload = client.doDownload.bind(client)
  // A redirect is asked again with the call made here: counted once, not once more per redirect.
  const counting = new WeakSet<DownloadCall>()
  client.doDownload = (requestOptions, call, redirectCount) => {
    const handler = call.responseHandler
    if (call.destination !== null || typeof handler !== 'function' || counting.has(call)) {
      return doDownload(requestOptions, call, redirectCount)
    }
    const counted = (response: NodeJS.EventEmitter, callback: Done): void => {
      let bytes = 0
      response.on('data', (chunk: { readonly length: number }) => {
        bytes += chunk.length
        if (bytes <= most) return
        // electron-updater's own listener too: nothing more is kept.
        response.removeAllListeners('data')
        callback(new Error(tooLarge(null, most)))
        requestOf.get(response)?.abort?.()
        ;(response as { destroy?: () => void }).destroy?.()
      })
      handler(response, callback)
    }
    const countedCall = { ...call, responseHandler: counted }
    counting.add(countedCall)
    return doDownload(requestOptions, countedCall, redirectCount)
  }
}

/** The reader of the block map an AppImage (or a Windows web installer's package) carries at its end. */
interface EmbeddedMapReader {
  readRemoteBytes(start: number, endInclusive: number): Promise<Buffer>
  /** The HTTP client of the updater the download is for. */
  readonly httpExecutor?: object
}

/**
 * The bound of the embedded maps each updater's downloads read, by the HTTP client the reader is
 * given: electron-updater's reader is one for the whole process, so a bound set for one updater
 * (or test) must not apply to another's.
 */
const embeddedBound = new WeakMap<object, number>()

/** The reader of embedded maps, once bounded; null while it is not (or cannot be). */
let boundReader: EmbeddedMapReader | null = null

/**
 * Refuse an embedded block map larger than its updater's bound, as the release information sizes
 * it (nothing is asked for: electron-updater would make room for whatever size it names) or as it
 * unpacks (electron-updater unpacks it with no bound). False when the reader cannot be loaded.
 */
function boundEmbeddedBlockMaps(readerModule: string, log: Logger): boolean {
  if (boundReader !== null) return true
  let reader: EmbeddedMapReader
  try {
    const loaded = createRequire(import.meta.url)(readerModule) as Record<string, { prototype?: unknown }>
    reader = loaded.FileWithEmbeddedBlockMapDifferentialDownloader?.prototype as EmbeddedMapReader
    if (typeof reader.readRemoteBytes !== 'function') throw new Error('it has no readRemoteBytes')
  } catch (error) {
    log.warn(
      `Updater: the reader of embedded block maps could not be loaded (${errorMessage(error)}); ` +
        'updates that would read one are downloaded whole.',
    )
    return false
  }
  const read = reader.readRemoteBytes
  // Only the embedded map is read this way: the map, then its size in 4 bytes.
  reader.readRemoteBytes = async function (this: EmbeddedMapReader, start, endInclusive) {
    const bound = embeddedBound.get(this.httpExecutor ?? {}) ?? MAX_BLOCK_MAP_BYTES
    if (endInclusive + 1 - start > bound + 4) throw new Error(tooLarge(null, bound))
    const bytes = await read.call(this, start, endInclusive)
    if (unpacksPast(bytes.subarray(0, -4), bound, inflateRawSync)) throw new Error(tooLarge(null, bound))
    return bytes
  }
  boundReader = reader
  return true
}

/**
 * Makes `updater` read no embedded block map, so none is read without a bound: an AppImage is
 * downloaded whole, and a Windows web installer's package (Standby publishes none) is refused.
 */
function readNoEmbeddedMaps(updater: AppUpdater): void {
  updater.disableWebInstaller = true
  if (updater instanceof AppImageUpdater) updater.disableDifferentialDownload = true
}

/** Whether `map` unpacks to more than `most` bytes; one that does not unpack is left to electron-updater to say so. */
function unpacksPast(map: Buffer, most: number, unpack = gunzipSync): boolean {
  try {
    unpack(map, { maxOutputLength: most })
    return false
  } catch (error) {
    return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
  }
}

/** Why a block map was refused, and what happens instead. */
function tooLarge(url: URL | null, most: number): string {
  const where = url === null ? '' : ` at ${describeAddress(url.href)}`
  return (
    `The update's block map${where} is larger than ${most / 1024 / 1024} MiB, far larger than one for an ` +
    'update of Standby, so it was not read: the update is downloaded whole instead'
  )
}
