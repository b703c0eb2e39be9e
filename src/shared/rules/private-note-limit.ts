/** The longest private note, in code points of the normalised text; apart from its schema so the renderer's bundle does not carry zod to learn it. */
export const PRIVATE_NOTE_MAX = 5_000
