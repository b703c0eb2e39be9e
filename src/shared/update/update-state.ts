/**
 * What the window, the tray and Settings → Updates show of the updater: one state the core's
 * update policy keeps and the hosts push. Its schema documents the IPC shape.
 */
import { z } from 'zod'
import { Timestamp } from '../protocol/time'
import { shownText } from '../protocol/text'

/** Which releases the expert follows: stable only, or betas too. */
export const UpdateChannel = z.enum(['stable', 'beta'])
/** Which releases the expert follows. */
export type UpdateChannel = z.infer<typeof UpdateChannel>

/** Where the updater is, from idle to an update waiting for a restart. */
export const UpdatePhase = z.enum([
  /** Not checked yet (the first check waits for the connection). */
  'idle',
  'checking',
  'up_to_date',
  'downloading',
  /** Downloaded and verified: it installs on a restart, or when the app quits. */
  'ready',
  /** The last check or download failed; `error` says why and a retry is planned. */
  'error',
  /** This build cannot update itself (not packaged, or a package manager owns it). */
  'unavailable',
])
/** Where the updater is. */
export type UpdatePhase = z.infer<typeof UpdatePhase>

/** The longest sentence saying why the last check or download failed (UpdateState.error). */
export const MOST_UPDATE_ERROR_CHARS = 500

/** The longest sentence about the channel, or about why a ready update waits. */
const MOST_UPDATE_NOTE_CHARS = 300

/** The longest version the state names. */
const MOST_VERSION_CHARS = 200

/** The updater as the expert sees it. */
export const UpdateState = z.object({
  /** A version (APP_VERSION_PATTERN: at most 180 characters). */
  currentVersion: z.string().max(MOST_VERSION_CHARS),
  channel: UpdateChannel,
  phase: UpdatePhase,
  /** The version found newer than this one (being downloaded, or ready). */
  availableVersion: z.string().max(MOST_VERSION_CHARS).nullable(),
  /** How much of the download has arrived, 0 to 100, while downloading. */
  progress: z.number().min(0).max(100).nullable(),
  /** When the last check finished, by the computer's clock. */
  lastCheckAt: Timestamp.nullable(),
  /** The next planned check or retry. */
  nextCheckAt: Timestamp.nullable(),
  /** Why the last check or download failed, in words to act on. */
  error: z.string().max(MOST_UPDATE_ERROR_CHARS).nullable(),
  /** Where to download the app by hand when updating here fails. */
  manualDownloadUrl: z.string().max(2048),
  /** A sentence about the channel, e.g. why leaving beta waits for the next stable release. */
  channelNote: z.string().max(MOST_UPDATE_NOTE_CHARS).nullable(),
  /** The platform's minimum supported version, when this one is older: "Update required". */
  requiredVersion: z.string().max(MOST_VERSION_CHARS).nullable(),
  /** Whether "Restart to update" may be offered now. */
  canRestart: z.boolean(),
  /** Why a ready update waits (a live or soon session), when it does. */
  restartHeldBecause: z.string().max(MOST_UPDATE_NOTE_CHARS).nullable(),
})
/** The updater as the expert sees it. */
export type UpdateState = z.infer<typeof UpdateState>

/**
 * `state` with each of its texts cut to what its schema allows. Nothing on the way to the window
 * checks a pushed state against the schema, so a sentence built longer than its bound (a long
 * address or version in it) would reach every page as it is; cut here, the state always fits.
 */
export function fittedUpdateState(state: UpdateState): UpdateState {
  const fit = (text: string, max: number): string => (text.length <= max ? text : shownText(text, { max }))
  const fitOrNull = (text: string | null, max: number): string | null =>
    text === null ? null : fit(text, max)
  return {
    ...state,
    currentVersion: fit(state.currentVersion, MOST_VERSION_CHARS),
    availableVersion: fitOrNull(state.availableVersion, MOST_VERSION_CHARS),
    requiredVersion: fitOrNull(state.requiredVersion, MOST_VERSION_CHARS),
    error: fitOrNull(state.error, MOST_UPDATE_ERROR_CHARS),
    channelNote: fitOrNull(state.channelNote, MOST_UPDATE_NOTE_CHARS),
    restartHeldBecause: fitOrNull(state.restartHeldBecause, MOST_UPDATE_NOTE_CHARS),
  }
}
