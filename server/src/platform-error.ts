/** A refusal the platform sends back to the caller, with a code and a sentence a person can act on. */
import type { ErrorCode, ProtocolError } from '../../src/shared/protocol'

/** Thrown inside a command to refuse it; turned into an error acknowledgement, never a crash. */
export class PlatformError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly http: {
      /** The status when the code's usual one does not fit (413 for an oversized body). */
      readonly status?: number
      /** Sent as Retry-After (in whole seconds) with a rate-limit refusal. */
      readonly retryAfterMs?: number
      /** Sent as Allow with a 405: the methods the path does answer. */
      readonly allow?: string
    } = {},
  ) {
    super(message)
    this.name = 'PlatformError'
  }

  /** The wire form of this error. */
  toProtocol(): ProtocolError {
    return { code: this.code, message: this.message }
  }
}
