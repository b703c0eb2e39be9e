/**
 * electron-updater's errors in words the expert can act on: what went wrong (a signature, a
 * checksum, a damaged feed, a certificate refused, a transfer cut short, a server out of reach),
 * its own message kept in brackets.
 */
import { errorMessage } from '../../../shared/error-message'
import { DownloadSpoiled } from '../../core/ports/updater'
import { FEED_UNUSABLE } from './update-feed-guards'
import { SIGNATURE_UNCHECKED } from './update-authenticode'
import { INSTALLER_VERSION_WRONG } from './update-installer-version'
import { nameNotFound } from '../../core/connection/network-failure'
import { isDiskFullCode } from '../../../shared/sqlite/machine-fault'

/** The most of electron-updater's own message an error repeats in brackets. */
const RAW_SHOWN_MAX = 500

/** electron-updater's codes for a feed whose content is not release information it can use. */
const MALFORMED_FEED_CODES: ReadonlySet<string> = new Set([
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
])

/** How a transfer that started and was then cut short is reported, by Node and by Chromium. */
const BROKE_OFF =
  /^aborted$|^Request has been aborted by the server$|ERR_CONTENT_LENGTH_MISMATCH|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_CONNECTION_(RESET|CLOSED|ABORTED)/

/** How Squirrel.Mac refuses an update whose code signature is missing or names another publisher. */
const SQUIRREL_SIGNATURE =
  /^(Error: )?(Code signature at URL .* did not pass validation|Couldn't find a code signature at URL)/

/** Who can mend a feed Standby cannot use (the expert can only download by hand meanwhile). */
export const RELEASE_FIX = ': whoever publishes Standby has to publish this release again'

/**
 * How Chromium and Node report a certificate outside its dates as this computer's clock reads
 * them: a clock set wrong makes every good certificate look so.
 */
const CERTIFICATE_DATES =
  /net::ERR_CERT_DATE_INVALID|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|certificate has expired|certificate is not yet valid/

/** How Chromium and Node report any other certificate this computer does not trust. */
const CERTIFICATE_UNTRUSTED =
  /net::ERR_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|ERR_TLS_CERT_ALTNAME_INVALID/

/** How a name lookup that found nothing is reported, by Node and by Chromium. */
const NAME_NOT_FOUND = /ENOTFOUND|net::ERR_NAME_NOT_RESOLVED/

/** What the updater knows of an error's circumstances, which the words name. */
export interface UpdaterErrorContext {
  /** Where updates download, which names the disk a download found full. */
  downloadFolder?: string
  /** The update server answered earlier in this run, so its name was found then. */
  reachedBefore?: boolean
}

/** electron-updater's codes for an answer of the update server that it could not use. */
const ANSWERED_CODES: ReadonlySet<string> = new Set([
  ...MALFORMED_FEED_CODES,
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_CHECKSUM_MISMATCH',
  'ERR_UPDATER_INVALID_SIGNATURE',
])

/**
 * Whether `error` came of something the update server answered (an HTTP status, release
 * information or a download it could not use): its name was found, whatever went wrong.
 */
export function serverAnswered(error: unknown): boolean {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown }
  // A certificate was presented: the name was found and something answered there.
  const certificate = `${String(code)} ${errorMessage(error)}`
  return (
    typeof statusCode === 'number' ||
    DOWNLOAD_STATUS.test(errorMessage(error)) ||
    ANSWERED_CODES.has(String(code)) ||
    error instanceof TypeError ||
    CERTIFICATE_DATES.test(certificate) ||
    CERTIFICATE_UNTRUSTED.test(certificate)
  )
}

/** electron-updater's error in words the expert can act on; the raw message stays in brackets. */
export function describeUpdaterError(error: unknown, context: UpdaterErrorContext = {}): string {
  const { downloadFolder, reachedBefore = false } = context
  const code = (error as { code?: unknown } | null)?.code
  const line = errorMessage(error).split('\n')[0] ?? ''
  // electron-updater's messages quote the feed (a version, a file name) whatever its length.
  const raw = line.length > RAW_SHOWN_MAX ? `${line.slice(0, RAW_SHOWN_MAX)}…` : line
  // Node's own message names no folder, and the expert has to know which disk to free.
  if (isDiskFullCode(String(code))) {
    const disk =
      downloadFolder === undefined
        ? 'The disk updates download to'
        : `The disk that holds ${downloadFolder}, where updates download,`
    return `${disk} is full: free some space on it (${raw})`
  }
  // Windows: PowerShell, which checks the installer's signature, did not run, or its answer was
  // unreadable or about another file: either way nothing vouched for the installer.
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' && raw.includes(SIGNATURE_UNCHECKED)) {
    return `${SIGNATURE_UNCHECKED}, so it was refused and nothing was installed: Windows PowerShell, which checks it, did not run, or gave no answer Standby could use (it may be blocked on this computer) (${raw})`
  }
  // Windows: a signed installer of another version than the feed offers (an older one, say).
  const wrongVersion = code === 'ERR_UPDATER_INVALID_SIGNATURE' ? raw.indexOf(INSTALLER_VERSION_WRONG) : -1
  if (wrongVersion >= 0) {
    return `${raw.slice(wrongVersion)}, so it was refused and nothing was installed${RELEASE_FIX}`
  }
  // Windows: the installer's Authenticode signature names another publisher than this build's.
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return `The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed (${raw})`
  }
  // macOS: Squirrel.Mac found the update's code signature missing, or not this app's publisher's.
  if (SQUIRREL_SIGNATURE.test(raw)) {
    return `The downloaded update is not signed by Standby's publisher (macOS checked it), so it was refused and nothing was installed (${raw})`
  }
  if (code === 'ERR_CHECKSUM_MISMATCH') {
    return `The downloaded update does not match the checksum the update server published, so it was refused (${raw})`
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || code === 'ERR_UPDATER_INVALID_UPDATE_INFO') {
    return `The update server has no valid release information for this system (${raw})`
  }
  const status = httpStatus(error, raw)
  if (status !== undefined) return httpStatusWords(status, raw)
  // electron-updater acts on whatever shape the feed's YAML has: a feed that is not release
  // information (an empty document, a list, a web page) fails inside it with a TypeError.
  if (MALFORMED_FEED_CODES.has(String(code)) || error instanceof TypeError) {
    return `${FEED_UNUSABLE} is damaged or incomplete (${raw})${RELEASE_FIX}`
  }
  // Said before "cannot reach": the server answered, with a certificate this computer refused.
  const certificate = `${String(code)} ${raw}`
  if (CERTIFICATE_DATES.test(certificate)) {
    return `The update server's certificate is expired or not yet valid by this computer's clock, so nothing was read from it: check this computer's date and time; if they are right, whoever publishes Standby has to renew the certificate (${raw})`
  }
  if (CERTIFICATE_UNTRUSTED.test(certificate)) {
    return `The update server's certificate is not one this computer trusts, so nothing was read from it: a network that inspects https (a company proxy, a hotel's sign-in page) may be in the way; try another network, or whoever publishes Standby has to fix the certificate (${raw})`
  }
  // A transfer cut short: Node says "aborted", Chromium's net a content-length or chunk mismatch.
  if (code === 'ECONNRESET' || BROKE_OFF.test(raw)) {
    return `The connection to the update server broke off during the transfer (${raw})`
  }
  const offline = NAME_NOT_FOUND.test(raw) ? nameNotFound(reachedBefore) : undefined
  if (offline !== undefined)
    return `Cannot reach the update server: ${offline.what} (${raw}). ${offline.remedy}`
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|net::ERR_/.test(raw)) {
    return `Cannot reach the update server (${raw})`
  }
  return raw
}

/**
 * The HTTP status the update server answered with, if that is the error: builder-util-runtime
 * gives the release information's as a field, and a download's only in its message.
 */
function httpStatus(error: unknown, raw: string): number | undefined {
  const field = (error as { statusCode?: unknown } | null)?.statusCode
  if (typeof field === 'number') return field
  const said = DOWNLOAD_STATUS.exec(raw)?.[1]
  return said === undefined ? undefined : Number(said)
}

/** How builder-util-runtime says a download was answered with an HTTP error. */
const DOWNLOAD_STATUS = /^Cannot download ".*", status (\d{3}): /

/**
 * An HTTP status the update server answered with (builder-util-runtime's message is the bare
 * status line), said as who can act on it: nobody but the server for its own errors, whoever
 * publishes Standby for a file missing or refused.
 */
function httpStatusWords(status: number, raw: string): string {
  if (status >= 500) {
    return `The update server answered with an error of its own (HTTP ${status}): it may be down or busy (${raw})`
  }
  if (status === 429) return `The update server asked Standby to check less often (HTTP 429) (${raw})`
  if (status === 404) {
    return `The update server has no file its release information names (HTTP 404)${RELEASE_FIX} (${raw})`
  }
  if (status === 401 || status === 403) {
    return `The update server refused to send the update (HTTP ${status}): it may serve releases only to some networks, or whoever publishes Standby has to make them readable (${raw})`
  }
  return `The update server refused the request (HTTP ${status}) (${raw})`
}

/** An install's failure in the expert's words; a refused download stays a DownloadSpoiled, to be fetched again. */
export function installError(failure: unknown): Error {
  const words = describeUpdaterError(failure)
  const options = { cause: failure }
  return failure instanceof DownloadSpoiled ? new DownloadSpoiled(words, options) : new Error(words, options)
}
