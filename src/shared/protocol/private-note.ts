/**
 * The expert's private note on a session: kept by the platform so every device and a rebuilt
 * cache see it, sent only to that expert, and never shown to the client (the room page leaves it
 * out). Empty means no note, so saving an empty note clears it.
 */
import { Text } from './text'

/** The longest private note, in code points of the normalised text. */
export const PRIVATE_NOTE_MAX = 5_000

/** A private note as stored: multi-line, normalised, empty for none. */
export const PrivateNote = Text({ min: 0, max: PRIVATE_NOTE_MAX, multiline: true })
