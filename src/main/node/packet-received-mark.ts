/**
 * Marks the moment the core's socket has a packet from the platform, on a diagnostics channel, so
 * the core bench can tell the time an invite spent on its way here from the time the core then
 * took until its notifier (as the platform marks its own steps, server/src/phase-trace.ts).
 * Nothing is published unless something subscribes.
 */
import { channel } from 'node:diagnostics_channel'

/** The channel's name, for subscribers; each message is the moment as performance.now(). */
export const PACKET_RECEIVED_CHANNEL = 'standby:core-packet-received'

const received = channel(PACKET_RECEIVED_CHANNEL)

/** Say that a packet from the platform was just decoded, if anyone listens. */
export function markPacketReceived(): void {
  if (received.hasSubscribers) received.publish(performance.now())
}
