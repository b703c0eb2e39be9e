/**
 * A command sent over the platform link: sent again on a new connection when its own was lost
 * (command-resend.ts) and, sent again after an outcome that left it open whether it happened,
 * under its first key (retry-keys.ts).
 */
import type { Clock } from '../../../shared/clock'
import type { CommandOutcome } from '../../../shared/command-outcome'
import type { Listeners } from '../../../shared/listeners'
import type { CommandName, CommandPayload, CommandResult } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import { sendAgainOnNewConnection, type CommandWatch } from './command-resend'
import { sendCommand, type CommandDeps } from './link-command'
import type { LinkState } from './link-deps'
import { sendUnderRetryKey, type RetryKeys } from './retry-keys'

/** What a command needs from the link it goes over. */
export interface CommandLink {
  /** The connection, clock, log and time samples, with the command's timeout and checks. */
  readonly command: CommandDeps
  /** The link's clock of elapsed time. */
  readonly clock: Clock
  readonly log: Logger
  /** One sign-in's retry keys. */
  readonly retryKeys: RetryKeys
  readonly states: Listeners<LinkState>
  /** How many connections the link has had welcomed so far. */
  readonly welcomes: () => number
  /** Whether the link ended (stopped, or refused). */
  readonly ended: () => boolean
  /** Whether the link is connected now. */
  readonly connected: () => boolean
}

/** Send a command over `link`, under `idempotencyKey` when the caller keeps its own retries. */
export function sendCommandOverLink<N extends CommandName>(
  link: CommandLink,
  name: N,
  payload: CommandPayload<N>,
  idempotencyKey?: string,
  watch: CommandWatch<CommandResult<N>> = {},
): Promise<CommandOutcome<CommandResult<N>>> {
  const { beforeResend } = watch
  const send = (key: string): Promise<CommandOutcome<CommandResult<N>>> => {
    watch.sentUnder?.(key)
    return sendAgainOnNewConnection({
      clock: link.clock,
      ackTimeoutMs: link.command.ackTimeoutMs,
      log: link.log,
      name,
      welcomes: link.welcomes,
      ended: link.ended,
      states: link.states,
      send: (waitMs) => sendCommand(link.command, name, payload, key, waitMs),
      ...(beforeResend !== undefined && { beforeResend }),
    })
  }
  // A caller with its own key (a notification's button) keeps its own retries.
  if (idempotencyKey !== undefined) return send(idempotencyKey)
  return sendUnderRetryKey(link.retryKeys, name, payload, send, link.connected)
}
