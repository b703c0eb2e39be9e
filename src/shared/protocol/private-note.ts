/**
 * The expert's private note on a session: kept by the platform so every device and a rebuilt
 * cache see it, sent only to that expert, and never shown to the client (the room page leaves it
 * out). Empty means no note, so saving an empty note clears it.
 */
import { PRIVATE_NOTE_MAX } from '../rules/private-note-limit'
import { Text, Written } from './text'

export { PRIVATE_NOTE_MAX }

/** A private note as stored: multi-line, normalised, empty for none. */
export const PrivateNote = Text({ min: 0, max: PRIVATE_NOTE_MAX, multiline: true })

/** A private note as the expert saves it: a PrivateNote that must also be well-formed Unicode. */
export const PrivateNoteDraft = Written(PrivateNote, 'The note')
