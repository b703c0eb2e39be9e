/**
 * Contract entries for calls that send one platform command, and the answers of the two calls
 * shaped like a command's outcome (opening a room, adding to the calendar): `{ ok, result }` or
 * `{ ok: false, error }`. Apart from contract.ts to keep it short; the channels themselves stay
 * listed there.
 */
import { z } from 'zod'
import { CommandFailure } from '../command-outcome'
import { commandSchemas, type CommandName } from '../protocol/commands'

type CommandSchemas = typeof commandSchemas

/** What opening a session's room ended as: the URL handed to the system browser, or why not. */
export const RoomOpening = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.object({ url: z.string() }) }),
  z.object({ ok: z.literal(false), error: CommandFailure }),
])
/** What opening a session's room ended as. */
export type RoomOpening = z.infer<typeof RoomOpening>

/**
 * What "Add to calendar" ended as: the .ics file (so a page whose host has no calendar app can
 * download it) and whether the host handed it to the OS's calendar app, or why not.
 */
export const CalendarExport = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    result: z.object({ fileName: z.string(), content: z.string(), opened: z.boolean() }),
  }),
  z.object({ ok: z.literal(false), error: CommandFailure }),
])
/** What "Add to calendar" ended as. */
export type CalendarExport = z.infer<typeof CalendarExport>

/** The outcome of a platform command as the renderer receives it. */
function commandOutcome<N extends CommandName>(name: N) {
  return z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      result: commandSchemas[name].result as CommandSchemas[N]['result'],
      doneElsewhere: z.literal(true).optional(),
    }),
    z.object({ ok: z.literal(false), error: CommandFailure }),
  ])
}

/** A renderer call that sends one platform command: its payload is the command's own schema. */
export function commandEntry<N extends CommandName>(
  name: N,
): { request: CommandSchemas[N]['payload']; response: ReturnType<typeof commandOutcome<N>>; command: N } {
  return { request: commandSchemas[name].payload, response: commandOutcome(name), command: name }
}
