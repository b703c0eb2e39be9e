/**
 * What the platform's answer to a connection attempt means for the link: a welcome to follow, a
 * refusal to stop at (a revoked sign-in, another protocol version), or a reason to try again.
 */
import {
  clipSentence,
  ConnectRefusal,
  describeVersionMismatch,
  NO_REASON_GIVEN,
  PROTOCOL_VERSION,
  ReasonSentence,
  Welcome,
} from '../../../shared/protocol'
import { z } from 'zod'
import { describeIssues } from '../../../shared/describe-untrusted'
import { asSentence } from '../../../shared/error-message'
import { describeNetworkCode } from './network-failure'
import { busyPlatform, readBusyCode } from './busy-platform'
import type { NamesFound } from './names-found'
import { ADDRESS_IS_RIGHT, type ReachedBefore } from './attempt-failures'

/** A refusal the link stops at until the expert acts: retrying would be refused the same way. */
export interface Refusal {
  readonly code: 'unauthorized' | 'protocol_mismatch'
  readonly message: string
}

/** What a welcome message means. */
export type WelcomeReading =
  | { readonly kind: 'welcomed'; readonly welcome: Welcome }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  /**
   * A welcome this connection cannot go on with, though the next may: welcomed as another expert
   * than the one signed in (not this expert's stream), or a welcome that is malformed (a platform
   * mid-deployment, or a server that is not one). `logged` is for the log, `reason` for the
   * expert to read while the link tries again, after its growing backoff.
   */
  | { readonly kind: 'retry'; readonly logged: string; readonly reason: string }

/** Read a welcome for the signed-in `expertId` (any expert when undefined). */
export function readWelcome(raw: unknown, expertId: string | undefined): WelcomeReading {
  // Another protocol version is told as one even when the rest of its welcome differs from ours:
  // that is what a welcome of another version may do, and only an update ends it.
  const version = Welcome.shape.protocolVersion.safeParse(
    (raw as { protocolVersion?: unknown } | null)?.protocolVersion,
  )
  if (version.success && version.data !== PROTOCOL_VERSION) {
    return {
      kind: 'refused',
      refusal: {
        code: 'protocol_mismatch',
        message: describeVersionMismatch(PROTOCOL_VERSION, version.data, 'app'),
      },
    }
  }
  const welcome = Welcome.safeParse(raw)
  if (!welcome.success) {
    return {
      kind: 'retry',
      logged: `The platform sent a malformed welcome (${describeIssues(welcome.error.issues)}); closed the connection, to try again later`,
      reason:
        'The server sent a malformed welcome: it may not be a Standby platform, or it is being updated. If this goes on, check the platform address.',
    }
  }
  if (expertId !== undefined && welcome.data.expertId !== expertId) {
    return {
      kind: 'retry',
      logged: `The platform welcomed the connection as another expert than the one signed in (${expertId}); ignored it`,
      reason:
        'The platform answered for another account than the one signed in, so Standby kept your data and did not connect. If this goes on, sign out and sign in again.',
    }
  }
  return { kind: 'welcomed', welcome: welcome.data }
}

/** Why an attempt whose connection opened is given up when no welcome follows. */
export function notWelcomed(platformUrl: string, reached?: ReachedBefore): string {
  const advice =
    reached?.wasReached(platformUrl) === true
      ? `${ADDRESS_IS_RIGHT}: the platform may be stuck letting Standby in. If this goes on, tell the platform's support.`
      : 'If this goes on, check the platform address.'
  return `The server at ${platformUrl} accepted the connection but did not answer as a Standby platform. ${advice}`
}

/**
 * A refusal as any platform may send it: a code (of this version or a newer one) and a sentence,
 * whatever else it carries. Read when the strict ConnectRefusal is not, so that a platform which
 * answered is never told of as one Standby could not reach.
 */
const AnyRefusal = z.object({ code: z.string().min(1).max(64), message: ReasonSentence })

/**
 * Read a failed connection attempt: a refusal, or why to try again later (`waitMs`: no sooner
 * than that, as a busy platform asked). `namesFound`: what this run found before (names-found.ts):
 * a connection to `platformUrl` opened earlier, so its name was looked up then, or the platform
 * there let Standby in, so the address is right.
 */
export function readConnectFailure(
  message: string,
  data: unknown,
  platformUrl: string,
  namesFound?: Pick<NamesFound, 'has' | 'wasReached'>,
):
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'retry'; readonly reason: string; readonly logged?: string; readonly waitMs?: number } {
  const refusal = ConnectRefusal.safeParse(data)
  if (!refusal.success) {
    // Data (null when it carried none) comes only with the server's own refusal: it was reached.
    if (data !== undefined)
      return { kind: 'retry', reason: unreadableRefusal(data, message, platformUrl, namesFound) }
    // Whatever answered the attempt may have written the message, at any length.
    const said = clipSentence(message)
    const busy = readBusyCode(said)
    if (busy !== undefined) {
      const reason = busyPlatform(platformUrl, busy.status, busy.waitMs)
      return {
        kind: 'retry',
        reason,
        logged: `Could not connect to the platform: ${reason} (${said})`,
        waitMs: busy.waitMs,
      }
    }
    const failure = describeNetworkCode(
      said,
      platformUrl,
      namesFound?.has(platformUrl),
      namesFound?.wasReached(platformUrl),
    )
    // Something that answered (a page, another protocol, a certificate) is not a platform out of
    // reach; what it did follows its address at once, so a tooltip cut short still says it.
    const happened =
      failure.answered === true
        ? `The server at ${platformUrl} ${failure.what}.`
        : `The platform at ${platformUrl} is unreachable (${failure.what}).`
    const reason = `${happened} ${failure.remedy}`
    // The code is for whoever reads the log; the expert reads what it means.
    return { kind: 'retry', reason, logged: `Could not connect to the platform: ${reason} (${said})` }
  }
  if (refusal.data.code === 'unauthorized') {
    return { kind: 'refused', refusal: { code: 'unauthorized', message: refusal.data.message } }
  }
  if (refusal.data.code === 'protocol_mismatch') {
    const theirs = refusal.data.serverProtocolVersion
    // A platform that names this app's own version as its other one contradicts itself: no
    // update on either side ends that, so it is not a reason to stop for good.
    if (theirs === PROTOCOL_VERSION) {
      return {
        kind: 'retry',
        reason: `The platform at ${platformUrl} refused the connection as of another protocol version, though it speaks this app's own protocol (${PROTOCOL_VERSION}), so no update would help. If this goes on, tell the platform's support.`,
      }
    }
    return {
      kind: 'refused',
      refusal: {
        code: 'protocol_mismatch',
        message: describeVersionMismatch(PROTOCOL_VERSION, theirs, 'app'),
      },
    }
  }
  return { kind: 'retry', reason: platformRefused(platformUrl, refusal.data.message) }
}

/**
 * Why to try again after a refusal this version cannot read as a whole: its sentence when it has
 * one, else the refusal's own `message` (what socket.io's error says) quoted.
 */
function unreadableRefusal(
  data: unknown,
  message: string,
  platformUrl: string,
  reached: ReachedBefore | undefined,
): string {
  const lenient = AnyRefusal.safeParse(data)
  if (lenient.success) return platformRefused(platformUrl, lenient.data.message)
  const said = clipSentence(message)
  const quoted = said === '' ? '' : ` ("${said}")`
  const advice =
    reached?.wasReached(platformUrl) === true
      ? `. ${ADDRESS_IS_RIGHT}: the platform may be being updated. If this goes on, tell the platform's support.`
      : ': it may not be a Standby platform, or it is being updated. If this goes on, check the platform address.'
  return `The server at ${platformUrl} refused the connection${quoted} without a reason Standby can read${advice}`
}

/**
 * A refusal whose code this version does not stop at, with the platform's own sentence `said`: who
 * refused, in Standby's words, since the sentence is the platform's and may name no one; then
 * what to do if the refusal goes on, which the sentence may not say either.
 */
function platformRefused(platformUrl: string, said: string): string {
  const advice = "If this goes on, tell the platform's support."
  // The stand-in for a refusal with no sentence says "refused" and advises of its own.
  if (said === NO_REASON_GIVEN)
    return `The platform at ${platformUrl} refused the connection without saying why. ${advice}`
  return `The platform at ${platformUrl} refused the connection: ${asSentence(said)} ${advice}`
}
