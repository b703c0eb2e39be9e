// Answers to a command that a broken or hostile platform gives (the mutation fuzzer's mutants of a
// good answer and of a refusal, an answer sent twice, none at all), to a whole core over
// socket.io: the expert's decline always resolves into the answer the window reads (never a
// throw), a refusal says in well-formed, bounded words what happened, an answer it cannot read is
// one line in the log, and the core stays online.
import { describe, expect, it } from 'vitest'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { forEachMutant, jsonText, mutants } from '../../../support/mutation-fuzz'
import { goodEvent, startStreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, inviteTitled } from '../../../support/test-core'

/** Of each sample: together under the commands of one kind the core lets a page send in a minute. */
const MUTANTS = 27

describe('a decline answered by a hostile platform', () => {
  const defer = useCleanup()

  it(
    'always resolves into an answer the window reads, in words that say what happened',
    { timeout: 300_000 },
    async () => {
      const platform = await startStreamPlatform()
      const lines: string[] = []
      const write = (message: string) => void lines.push(message)
      const log: Logger = { info: write, warn: write, error: write }
      const core = await adaSettledOn(defer, platform, log)
      const now = Date.now()
      const ack = { ok: true, result: { inviteId: 'inv_g1' }, serverTime: now }
      const refusal = {
        ok: false,
        error: { code: 'conflict', message: 'Taken by another expert.' },
        serverTime: now,
      }
      // socket.io's encoder recurses over what it sends: a platform cannot send one nested that deep.
      const list = [
        ...mutants(ack, { seed: 0xc0de01, count: MUTANTS }),
        ...mutants(refusal, { seed: 0xc0de02, count: MUTANTS }),
      ].filter((mutant) => jsonText(mutant.value) !== undefined)
      await forEachMutant(list, async (mutant) => {
        const event = goodEvent(platform.records.length + 1, now)
        platform.records.push(event)
        for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, event)
        const invite = await inviteTitled(core, event.payload.invite.request.title)
        const text = (jsonText(mutant.value) ?? 'null').replaceAll('inv_g1', invite.id)
        platform.answerCommands((_, answer) => {
          // Stamped with the platform's time as it answers, as an honest clock would: a stamp from
          // before the command was sent (on a busy machine, many milliseconds before) lies outside
          // the round trip, and the core rightly asks the platform for its time about that.
          const at = Date.now()
          answer(JSON.parse(text.replaceAll(String(now), String(at))) as unknown)
          answer({ ...ack, serverTime: at })
        })
        const before = lines.length
        const outcome = await core.runtime.api['invites.decline']({ inviteId: invite.id })
        expect(
          invokeContract['invites.decline'].response.safeParse(outcome).success,
          JSON.stringify(outcome),
        ).toBe(true)
        if (!outcome.ok) {
          expect(outcome.error.message.isWellFormed()).toBe(true)
          expect(outcome.error.message.length).toBeLessThanOrEqual(500)
        }
        // One answer it could not read is one line in the log; a good one (a second ignored) none.
        const told = lines.slice(before)
        expect(told.length, told.join('\n')).toBeLessThanOrEqual(1)
        if (!outcome.ok && outcome.error.code === 'invalid_response') expect(told).toHaveLength(1)
        expect(core.runtime.core.connection.status).toBe('online')
      })
    },
  )
})
