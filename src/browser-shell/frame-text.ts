/** The text of a page's message as the shell reads it, strictly as UTF-8 (ipc-socket-server.ts). */
import type { RawData } from 'ws'

/** A message's text, and whether its bytes were all UTF-8 (the text then holds no replacement of them). */
export interface FrameText {
  readonly text: string
  readonly wellFormed: boolean
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The text of a message. ws checks a text frame's UTF-8 itself and closes a connection that breaks
 * it, but hands a binary frame over as bytes, which a plain decoding would mend into replacement
 * characters: a call with a broken character would then go through, changed, where the Electron
 * carrier refuses one (answer-call.ts), so its bytes are read strictly here.
 */
export function frameText(data: RawData, isBinary: boolean): FrameText {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
  if (!isBinary) return { text: bytes.toString('utf8'), wellFormed: true }
  try {
    return { text: utf8.decode(bytes), wellFormed: true }
  } catch {
    return { text: bytes.toString('utf8'), wellFormed: false }
  }
}
