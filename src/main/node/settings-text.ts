/**
 * The text of a settings file as the expert saved it. conf reads every file as UTF-8, but an editor
 * on Windows saves "Unicode" (UTF-16 with a byte order mark: Notepad's Unicode, Windows PowerShell's
 * `>` and `Out-File`): read as UTF-8 it is no JSON, and every setting would go back to its default.
 */
import { isUtf8 } from 'node:buffer'
import { closeSync, readFileSync, type Stats } from 'node:fs'
import { openRegularFileSync, UnexpectedFileError } from './bounded-file'

/** What a settings file's bytes read as. */
export interface SettingsText {
  /** The text, any byte order mark it begins with included. */
  readonly text: string
  /** Bytes that are neither UTF-8 nor UTF-16 with its mark, read as U+FFFD as conf reads them. */
  readonly notUtf8: boolean
  /** The file is UTF-16: conf cannot read it until it is written again as UTF-8. */
  readonly utf16?: true
}

const UTF16_MARKS = [
  { mark: [0xff, 0xfe], encoding: 'utf-16le' },
  { mark: [0xfe, 0xff], encoding: 'utf-16be' },
] as const

/** The text of a settings file's `bytes`: UTF-16 when its mark says so and it decodes whole, else UTF-8. */
export function settingsText(bytes: Buffer): SettingsText {
  const utf16 = UTF16_MARKS.find(({ mark }) => mark.every((byte, at) => bytes[at] === byte))
  if (utf16 !== undefined) {
    try {
      // Fatal: a lone surrogate or an odd byte count is no UTF-16 an editor saved.
      return {
        text: new TextDecoder(utf16.encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
        notUtf8: false,
        utf16: true,
      }
    } catch {
      // Read as UTF-8 below, as conf would, and told as bytes that are not UTF-8.
    }
  }
  return { text: bytes.toString('utf8'), notUtf8: !isUtf8(bytes) }
}

const BYTE_ORDER_MARK = '\ufeff'

/** A settings file's text as JSON.parse (and so conf) can read it, and what was dropped from it to be. */
export interface SettingsJson {
  readonly json: string
  /** The text ended in NUL bytes, which were dropped. */
  readonly nulsDropped: boolean
}

/**
 * `text` without what JSON.parse refuses around settings that are otherwise whole: the byte order
 * mark Notepad and PowerShell begin UTF-8 with, and the NUL bytes a power cut leaves where a file's
 * length was written but not its last blocks. Only NULs at the end are dropped: a JSON object whole
 * before them is what was saved (no part of one is a whole object), and one cut short is no JSON.
 */
export function settingsJson(text: string): SettingsJson {
  const unmarked = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text
  let end = unmarked.length
  while (end > 0 && unmarked.charCodeAt(end - 1) === 0) end--
  return { json: unmarked.slice(0, end), nulsDropped: end < unmarked.length }
}

/**
 * The bytes of the settings file at `path`, or why they are not read (anything but a regular file of
 * at most `maxBytes`); throws what the open throws (ENOENT). What
 * is there is judged as opened (through a link, as conf reads it): a device reports no size, and one
 * such as /dev/zero never ends, and a pipe put at the path after a look would hold the start.
 */
export function settingsBytes(path: string, maxBytes: number): Buffer | string {
  let opened: { fd: number; stats: Stats }
  try {
    opened = openRegularFileSync(path, 'follow')
  } catch (error) {
    if (error instanceof UnexpectedFileError) return 'is not a regular file'
    throw error
  }
  const { fd, stats } = opened
  try {
    if (stats.size > maxBytes) return `is ${stats.size} bytes, larger than any settings file Standby writes`
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}
