/**
 * The settings file's first read, at open, told apart: a failure of the moment stops the open, so
 * nothing is written over settings only this read could not see.
 */
import type { SettingsFile } from '../core/settings/settings-store'
import { UnexpectedFileError } from './bounded-file'

/**
 * `file`, read once now: a read that failed for a moment (EIO, EMFILE, a file an antivirus holds)
 * throws, so the store is not opened on it, as the settings would read as their defaults and the
 * first save write those over the expert's own. Only what is no file of Standby's settings (a pipe,
 * a device, a link, a huge file, text that is no JSON) reads as none, for a save to replace.
 */
export function readFirst(file: SettingsFile): SettingsFile {
  let first: { readonly value: unknown } | { readonly error: unknown }
  try {
    first = { value: file.read() }
  } catch (error) {
    if (!(error instanceof UnexpectedFileError || error instanceof SyntaxError)) throw error
    first = { error }
  }
  let pending: typeof first | null = first
  return {
    ...file,
    read: () => {
      const outcome = pending
      pending = null
      if (outcome === null) return file.read()
      if ('error' in outcome) throw outcome.error
      return outcome.value
    },
  }
}
