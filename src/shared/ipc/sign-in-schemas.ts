/**
 * Signing in, as the IPC contract (contract.ts) carries it: the platform address the form and
 * Settings accept, and what signing in ended as. Apart from contract.ts to keep it short; the
 * channels themselves stay listed there.
 */
import { z } from 'zod'
import { MAX_PLATFORM_URL_LENGTH, storedPlatformUrlRefusal } from '../platform-url'
import { Expert } from '../protocol/entities'

/**
 * A platform address sign-in would take. The form is prefilled with it and Settings shows it, so
 * one holding a password would show it on screen, and one over plain http is never signed in to.
 */
export const PlatformAddress = z
  .url({ protocol: /^https?$/ })
  .max(MAX_PLATFORM_URL_LENGTH)
  // A broken character is told by answerCall after the schema, in its own words (and a stored one
  // is reset by the settings reader), not as an address over http or with a password.
  .superRefine((url, context) => {
    const refusal = url.isWellFormed() ? storedPlatformUrlRefusal(url) : null
    if (refusal !== null) context.addIssue({ code: 'custom', message: refusal })
  })

/** What signing in ended as: the expert, or why not, in words the sign-in form shows. */
export const SignInResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), expert: Expert }),
  z.object({
    ok: z.literal(false),
    reason: z.enum([
      'unreachable',
      'not_a_platform',
      'incompatible',
      'wrong_credentials',
      'invalid_input',
      'failed',
    ]),
    message: z.string(),
  }),
])
/** What signing in ended as. */
export type SignInResult = z.infer<typeof SignInResult>
