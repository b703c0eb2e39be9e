/** The platform's HTTP endpoints that the app uses, beside the socket. */
import { z } from 'zod'
import { Expert } from './entities'
import { PlatformTime } from './time'
import { PLATFORM_NAME, SignInToken } from './handshake'

/** GET /api/info: lets the app tell a Standby platform from any other server at that URL. */
export const PlatformInfo = z.object({
  platform: z.literal(PLATFORM_NAME),
  protocolVersion: z.number().int().positive(),
  serverTime: PlatformTime,
})
/** GET /api/info: lets the app tell a Standby platform from any other server at that URL. */
export type PlatformInfo = z.infer<typeof PlatformInfo>

/**
 * A password as someone types it. Refused when it holds a broken character (invalid Unicode):
 * hashing would turn it into U+FFFD, so two different passwords would be the same one.
 */
export const Password = z
  .string()
  .min(1)
  .max(1_000)
  .refine((text) => text.isWellFormed(), {
    message: 'The password holds a broken character (invalid Unicode); type it again',
  })

/**
 * An account's email address as someone types or pastes it: the spaces around it dropped, so a
 * pasted address signs in and two accounts cannot differ by them alone. Letter case is left as
 * typed; the platform compares addresses without it.
 */
export const EmailAddress = z.string().trim().pipe(z.email().max(320))

/** POST /api/sign-in body; strict like every request, so a misspelt key is refused by name. */
export const SignInRequest = z.strictObject({
  email: EmailAddress,
  password: Password,
})
/** POST /api/sign-in body. */
export type SignInRequest = z.infer<typeof SignInRequest>

/** POST /api/sign-in answer on success. */
export const SignInResponse = z.object({ token: SignInToken, expert: Expert })
/** POST /api/sign-in answer on success. */
export type SignInResponse = z.infer<typeof SignInResponse>

/** Platform HTTP paths, in one place so the server and app cannot drift. */
export const HTTP_PATHS = {
  info: '/api/info',
  signIn: '/api/sign-in',
  signOut: '/api/sign-out',
  events: '/api/events',
} as const
