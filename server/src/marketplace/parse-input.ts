/** Input from outside the marketplace (a client, the simulator, a tool), parsed or refused. */
import type { z } from 'zod'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { PlatformError } from '../platform-error'

/** `value` parsed with `schema`, or an `invalid_payload` refusal naming `what` and the wrong fields. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new PlatformError('invalid_payload', `Invalid ${what}: ${describeIssues(result.error.issues)}`)
  }
  return result.data
}
