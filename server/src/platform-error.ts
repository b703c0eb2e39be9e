/** A refusal the platform sends back to the caller, with a code and a sentence a person can act on. */
import type { ErrorCode, ProtocolError } from '../../src/shared/protocol'

/** Thrown inside a command to refuse it; turned into an error acknowledgement, never a crash. */
export class PlatformError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'PlatformError'
  }

  /** The wire form of this error. */
  toProtocol(): ProtocolError {
    return { code: this.code, message: this.message }
  }
}

/** Describe a zod failure in one line: which fields were wrong and how. */
export function describeIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ')
}
