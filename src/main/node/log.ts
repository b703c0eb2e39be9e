/**
 * The log the main process writes to, and the one line format every host uses (Electron's
 * console here, the browser shell's stream in adapters/stream-logger.ts).
 */
import type { Logger } from '../../shared/logger'
import { normaliseLine } from '../../shared/protocol/text'
import { redactLogDetail, redactLogText } from '../../shared/log-redaction'

export type { Logger } from '../../shared/logger'

/** How bad it is. */
export type LogLevel = 'info' | 'warn' | 'error'

/**
 * One entry as one line: ISO time, level, message, and the error's own message. Line breaks of
 * every kind become spaces and control characters go, so text from elsewhere (a request title, an
 * error a server wrote) can neither forge a second entry nor send escape sequences to the terminal
 * that shows the log; tokens and passwords are redacted (log-redaction.ts), whoever wrote them.
 */
export function formatLogLine(at: Date, level: LogLevel, message: string, error?: unknown): string {
  const text = redactedPart(message)
  const cause = error === undefined ? '' : ` (${redactedPart(describeDetail(error))})`
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${text}${cause}`
}

/**
 * A message or detail as one line, redacted, then marked when it was cut: the mark comes after the
 * redaction, so a secret's name left at the cut (`password: `) cannot take the mark for its value.
 */
function redactedPart(text: string): string {
  const kept = bounded(text)
  const line = redactLogText(normaliseLine(kept))
  return kept.length < text.length ? `${line} ${CUT_MARK}` : line
}

/** What ends a message or detail that was cut. */
const CUT_MARK = '… (cut)'

/** The most of a message, or of its detail, that one line keeps. */
export const MAX_LOG_TEXT_CHARS = 8 * 1024

/**
 * `text` cut to MAX_LOG_TEXT_CHARS, before it is redacted: the redaction of a text many megabytes
 * long (a server's whole reply in an error) overflows the stack, and that throw would lose the entry
 * and, in the file log, the file for a while. The word the cut falls in goes too, so a token cut in
 * two cannot pass the redaction as a piece too short to look like one.
 */
function bounded(text: string): string {
  if (text.length <= MAX_LOG_TEXT_CHARS) return text
  let end = MAX_LOG_TEXT_CHARS
  while (end > 0 && !/\s/.test(text.charAt(end - 1))) end -= 1
  return withoutOpenQuote(text.slice(0, end))
}

/**
 * `text` without the quoted value the cut left open (`"password":"correct horse `): the redaction
 * knows a quoted secret, or someone's words in `"text":"…"`, by its closing quote, and would let
 * every word of it after the first through. A single quote counts only after `:` or `=`, since
 * prose uses it as an apostrophe.
 */
function withoutOpenQuote(text: string): string {
  let open = -1
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '\\' && open >= 0) at += 1
    else if (text[at] === '"') open = open >= 0 ? -1 : at
  }
  const kept = open >= 0 ? text.slice(0, open) : text
  const single = /[:=]\s*'(?:[^'\\]|\\[^])*$/.exec(kept)
  return single ? kept.slice(0, single.index + single[0].indexOf("'")) : kept
}

/**
 * One entry as written: its line, then the error's stack frames indented on the lines after, so
 * the entry's first line stays greppable. Each element ends with a line break.
 */
export function formatLogEntry(
  at: Date,
  level: LogLevel,
  message: string,
  detail?: unknown,
): ReadonlyArray<string> {
  const line = `${formatLogLine(at, level, message, detail)}\n`
  const frames = errorFrames(detail)
  if (frames.length === 0) return [line]
  return [line, redactLogText(`${frames.map((frame) => `    ${normaliseLine(frame)}`).join('\n')}\n`)]
}

/** The frames of `detail`'s stack when it is an error; none when reading it throws (a getter, a proxy). */
function errorFrames(detail: unknown): ReadonlyArray<string> {
  try {
    if (!(detail instanceof Error) || typeof detail.stack !== 'string') return []
    return stackFrames(detail.stack, detail.message)
  } catch {
    return []
  }
}

/**
 * The frames of a stack, each trimmed. V8 begins `stack` with the error's message, which can hold
 * a server's words, line breaks and all: a line of it that reads "at …" is not a frame, so frames
 * are looked for only after the message, or, when the stack does not hold it (either was changed
 * afterwards), only in the run of frame lines that ends the stack.
 */
function stackFrames(stack: string, message: unknown): ReadonlyArray<string> {
  const isFrame = (text: string): boolean => text.startsWith('at ')
  const shown = typeof message === 'string' && message !== '' ? stack.indexOf(message) : -1
  const lines = (shown === -1 ? stack : stack.slice(shown + String(message).length))
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '')
  if (shown !== -1) return lines.filter(isFrame)
  const firstOfLastRun = lines.findLastIndex((text) => !isFrame(text)) + 1
  return lines.slice(firstOfLastRun)
}

/**
 * An error as a short phrase: "TypeError: x is undefined", then what caused it ("; cause: …"), or
 * the value itself. Never throws.
 */
export function describeError(error: unknown): string {
  try {
    if (!(error instanceof Error)) return typeof error === 'string' ? error : asJson(error)
    const links: string[] = []
    const seen = new Set<unknown>()
    // A cause chain can be a cycle; a handful of links is every real one.
    for (
      let link: unknown = error;
      links.length < 8 && link !== undefined && link !== null && !seen.has(link);
    ) {
      seen.add(link)
      links.push(
        link instanceof Error ? `${String(link.name)}: ${String(link.message)}` : describeError(link),
      )
      link = link instanceof Error ? causeOf(link) : undefined
    }
    return links.join('; cause: ')
  } catch {
    return unwritable(error)
  }
}

/** An error's cause; undefined when reading it throws, so the words read before it are kept. */
function causeOf(error: Error): unknown {
  try {
    return error.cause
  } catch {
    return undefined
  }
}

/** A value as JSON, an error inside it as its phrase (JSON.stringify writes an Error as "{}"). */
function asJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, field: unknown) =>
      field instanceof Error ? describeError(field) : bigIntsAsText(_key, field),
    ) ?? String(value)
  )
}

/**
 * A log line's detail as text, its secrets redacted. Whatever a caller caught goes here, so it
 * must not throw: a log call in an error handler that threw would turn a handled failure into a
 * crash, and the file log would take it for a disk it cannot write to.
 */
function describeDetail(detail: unknown): string {
  try {
    return describeError(redactLogDetail(detail))
  } catch {
    return unwritable(detail)
  }
}

function bigIntsAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value
}

/** Words for a value that holds itself, or whose reading throws (a getter, a proxy). */
function unwritable(value: unknown): string {
  const kind = typeof value
  return `${kind === 'object' ? 'an object' : `a ${kind}`} that cannot be written out`
}

/**
 * Writes to the console, which is where Electron's own messages go too (console, not
 * process.stdout: a Windows app without a console has no stream to write to); errors keep their
 * stack. For what happens before the log file is open; after, the file logger writes to both.
 */
export const consoleLogger: Logger = {
  info: (message, detail) => console.info(entryText('info', message, detail)),
  warn: (message, error) => console.warn(entryText('warn', message, error)),
  error: (message, error) => console.error(entryText('error', message, error)),
}

function entryText(level: LogLevel, message: string, detail: unknown): string {
  return formatLogEntry(new Date(), level, message, detail).join('').trimEnd()
}
