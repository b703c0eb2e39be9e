/**
 * What the app's connection to the platform is doing, as the tray and the UI show it. Lives in
 * shared because the renderer receives it over IPC. Its times are the platform's, as the core
 * estimates it: the window counts down against the same clock, and setting the computer's clock
 * moves neither.
 */
import { z } from 'zod'

/** The connection as the expert sees it. */
export const ConnectionState = z.discriminatedUnion('status', [
  /** First attempt since start or sign-in. */
  z.object({ status: z.literal('connecting') }),
  /** Connected and caught up with the platform's events. */
  z.object({ status: z.literal('online'), since: z.number() }),
  /**
   * Connected as far as anyone knows, but a probe is out to make sure (after a wake, a network
   * change or a silence): not "online" until the platform answers.
   */
  z.object({ status: z.literal('checking'), since: z.number() }),
  /** Lost the connection recently; trying again at `nextAttemptAt`. */
  z.object({
    status: z.literal('reconnecting'),
    nextAttemptAt: z.number(),
    attempt: z.number().int().positive(),
    reason: z.string(),
    lastSyncedAt: z.number().nullable(),
  }),
  /** The platform has been unreachable for several attempts; still retrying at `nextAttemptAt`. */
  z.object({
    status: z.literal('offline'),
    nextAttemptAt: z.number().nullable(),
    reason: z.string(),
    lastSyncedAt: z.number().nullable(),
  }),
  /** No sign-in, or one refused by the platform or unusable when read (`reason`): the expert must sign in. */
  z.object({ status: z.literal('signed_out'), reason: z.string().nullable() }),
  /** The platform speaks another protocol version; `message` says which side to update. */
  z.object({ status: z.literal('incompatible'), message: z.string() }),
])
/** The connection as the expert sees it. */
export type ConnectionState = z.infer<typeof ConnectionState>
/** One of the connection's statuses. */
export type ConnectionStatus = ConnectionState['status']
