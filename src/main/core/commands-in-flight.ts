/**
 * Commands on their way to the platform. The same command with the same payload sent again before
 * the first is answered (the window's Join and the notification's Join pressed together, a double
 * press of Start) waits for the first's answer instead of going out again: sent twice under two
 * keys, the second would come back refused ("You already accepted this invite") while the first
 * succeeded, and a joined session's room would open twice. A client message is never folded: two
 * identical messages are two messages the expert wrote.
 */
import { canonicalJson } from '../../shared/canonical-json'
import type { CommandOutcome } from '../../shared/command-outcome'
import type { CommandName } from '../../shared/protocol'

/** Commands a repeat of which, while the first is unanswered, can only mean the same press. */
function foldable(name: CommandName): boolean {
  return name !== 'message.send'
}

/** Identical commands in flight, per connection: a new sign-in's link never shares an old one's. */
export class CommandsInFlight {
  private readonly pending = new WeakMap<object, Map<string, Promise<CommandOutcome<unknown>>>>()

  /** `send` the command, or wait for the identical one already sent over `link`. */
  share<T>(
    link: object,
    name: CommandName,
    payload: unknown,
    send: () => Promise<CommandOutcome<T>>,
  ): Promise<CommandOutcome<T>> {
    if (!foldable(name)) return send()
    let sent = this.pending.get(link)
    if (sent === undefined) this.pending.set(link, (sent = new Map()))
    const id = `${name} ${canonicalJson(payload)}`
    const earlier = sent.get(id)
    if (earlier !== undefined) return earlier as Promise<CommandOutcome<T>>
    const outcome = send().finally(() => sent.delete(id))
    sent.set(id, outcome)
    return outcome
  }
}
