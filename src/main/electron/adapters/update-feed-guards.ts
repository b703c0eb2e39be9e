/**
 * What electron-updater takes from the update server on trust, checked before it acts: it reads
 * the release information (latest.yml) whole, however long, and acts on whatever shape the YAML
 * has. The feed can be misconfigured, half-written or hostile, so its size is bounded and the
 * shape a download needs is checked here, each failure said as a sentence naming the feed.
 */
import type { AppUpdater, CancellationToken, UpdateInfo } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { describeAddress } from '../../../shared/describe-untrusted'
import { insecureUpdateRequest } from './update-https-only'

/** The most of the update server's release information read: a real latest.yml is a few kilobytes. */
export const MAX_FEED_BYTES = 1024 * 1024

/** The start of every sentence about a feed Standby cannot use. */
export const FEED_UNUSABLE = "The update server's release information"

/** The HTTP client electron-updater reads release information with (builder-util-runtime's). */
interface FeedClient {
  handleResponse(
    response: NodeJS.EventEmitter,
    options: unknown,
    token: CancellationToken,
    resolve: (value: unknown) => void,
    reject: (error: Error) => void,
    ...rest: unknown[]
  ): void
}

/**
 * Stop reading an answer to a request for release information past MAX_FEED_BYTES. electron-updater
 * reads it whole into one string, however long, and has no bound: an address that streams without
 * end would fill the main process's memory and then throw outside any handler. Downloads of the
 * installer go another way and are not bounded here.
 */
export function boundFeedAnswers(updater: AppUpdater, log: Logger): void {
  const client = (updater as unknown as { httpExecutor?: Partial<FeedClient> | null }).httpExecutor
  if (typeof client?.handleResponse !== 'function') {
    log.warn('Updater: this version of electron-updater cannot bound the release information it reads.')
    return
  }
  const handle = client.handleResponse.bind(client)
  client.handleResponse = (response, options, token, resolve, reject, ...rest) => {
    let bytes = 0
    response.on('data', (chunk: Buffer | string) => {
      if (bytes > MAX_FEED_BYTES) return
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
      if (bytes <= MAX_FEED_BYTES) return
      reject(
        new Error(
          `${FEED_UNUSABLE} is larger than ${MAX_FEED_BYTES / 1024 / 1024} MiB, so it was not read: the update address may not name a Standby release folder`,
        ),
      )
      // Aborts the request: nothing more arrives, and what arrived is let go.
      token.cancel()
    })
    handle(response, options, token, resolve, reject, ...rest)
  }
}

/**
 * Why a feed that offers an update cannot be downloaded from, or null when it can: every file
 * must name where it is, over https, and its sha512, which the download is checked against, none
 * may ask for administrator rights, and a staged rollout must be a percentage. Said at the check, so no update is offered that no download
 * could fetch or verify (the https rule would refuse it only once the download is asked for, and a
 * checksum no sha512 can match only once the whole file has arrived).
 */
export function feedFault(info: UpdateInfo): string | null {
  const files: unknown = (info as { files?: unknown }).files
  if (!Array.isArray(files) || files.length === 0) return 'names no file to download'
  const complete = files.every(
    (file: unknown) =>
      typeof file === 'object' &&
      file !== null &&
      typeof (file as { url?: unknown }).url === 'string' &&
      typeof (file as { sha512?: unknown }).sha512 === 'string' &&
      (file as { sha512: string }).sha512 !== '',
  )
  if (!complete) return 'names a file without its address or its sha512 checksum'
  if (!files.every((file: { sha512: string }) => isSha512(file.sha512)))
    return 'names a file whose sha512 checksum is not one (88 characters of base64, or 128 lower-case hexadecimal digits)'
  const insecure = files
    .map((file: { url: string }) => insecureFileAddress(file.url))
    .find((why) => why !== null)
  if (insecure !== undefined) return `names a file at an address Standby does not download from (${insecure})`
  // electron-builder marks it only for an installer per machine: Standby's is per user
  // (electron-builder.yml), and one run through elevate.exe would prompt for an administrator at
  // the quit, and install into whoever's account answers the prompt.
  if (files.some((file: { isAdminRightsRequired?: unknown }) => file.isAdminRightsRequired === true)) {
    return 'asks for administrator rights to install it, which Standby, installed for each person on their own, never needs'
  }
  if (!isPercentage((info as { stagingPercentage?: unknown }).stagingPercentage)) {
    return 'names a staged rollout percentage that is no number from 0 to 100'
  }
  const badName = files.find((file: { url: string }) => !isPlainFileName(downloadedName(file.url)))
  return badName === undefined
    ? null
    : 'names a file whose name is not a plain file name (a folder, a broken escape or a control character in it)'
}

/**
 * Whether `text` can be a sha512 as electron-updater compares one: base64 of its 64 bytes, or hex
 * (which it tells apart by length and letters). It compares the text as Node writes a digest, so
 * hex in capitals, or base64 whose last character carries bits 64 bytes leave unset, can match no
 * download, as any other text.
 */
function isSha512(text: string): boolean {
  return /^[A-Za-z0-9+/]{85}[AQgw]==$/.test(text) || /^[0-9a-f]{128}$/.test(text)
}

/**
 * Why a file's address is not one electron-updater may download from, or null. A relative one is
 * under the feed's own address, which update-https-only.ts holds to https.
 */
function insecureFileAddress(url: string): string | null {
  let address: URL
  try {
    address = new URL(url, 'https://feed.invalid/')
  } catch {
    return 'it is no address'
  }
  const refusal = insecureUpdateRequest({
    protocol: address.protocol,
    hostname: address.hostname,
    port: address.port === '' ? undefined : address.port,
  })
  return refusal === null
    ? null
    : `${describeAddress(address.origin === 'null' ? address.protocol : address.origin)} is not https`
}

/**
 * Whether a release's staged rollout is absent or a percentage. electron-updater offers a release
 * whose percentage it cannot read ("half", "") to every machine, the opposite of a staged rollout.
 */
function isPercentage(value: unknown): boolean {
  if (value === undefined || value === null) return true
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : ''
  const percent = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
  return percent >= 0 && percent <= 100
}

/**
 * The name electron-updater gives a download: the last part of its address, percent-decoded; null
 * when it does not decode (electron-updater would fail on it only once the download is asked for).
 */
function downloadedName(url: string): string | null {
  try {
    const { pathname } = new URL(url, 'https://feed.invalid/')
    return decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1))
  } catch {
    return null
  }
}

/** A name a file can have in one folder: no folder part, no control character, not "." or "..". */
function isPlainFileName(name: string | null): boolean {
  if (name === null || name === '' || name === '.' || name === '..') return false
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\\u0000-\u001f\u007f]/.test(name)
}

/** What of electron-updater's provider says where the feed is and where its files resolve to. */
interface FileResolver {
  readonly baseUrl?: unknown
  resolveFiles?: (
    info: UpdateInfo,
  ) => ReadonlyArray<{ readonly url: URL; readonly info?: { size?: unknown } }>
}

/** The files of the update the last check offered and the feed's address (electron-updater's, protected). */
export function offeredFiles(
  updater: AppUpdater,
  info: UpdateInfo,
): { base: URL; files: ReturnType<NonNullable<FileResolver['resolveFiles']>> } | null {
  const provider = (updater as unknown as { updateInfoAndProvider?: { provider?: FileResolver } | null })
    .updateInfoAndProvider?.provider
  const base = provider?.baseUrl
  if (!(base instanceof URL) || typeof provider?.resolveFiles !== 'function') return null
  return { base, files: provider.resolveFiles(info) }
}

/**
 * Why a feed's files cannot be downloaded from where they are, or null: each must be on the
 * feed's own server (electron-builder publishes the installers beside latest.yml). One elsewhere
 * is somebody else's to change, whatever the feed's server promises of it.
 */
export function foreignFileFault(updater: AppUpdater, info: UpdateInfo): string | null {
  let offered
  try {
    offered = offeredFiles(updater, info)
  } catch {
    return 'names a file at an address that is no address'
  }
  if (offered === null) return null
  const { base, files } = offered
  const foreign = files.find((file) => file.url.host !== base.host)
  return foreign === undefined
    ? null
    : `names a file on another server (${describeAddress(foreign.url.host)}) than its own (${describeAddress(base.host)})`
}
