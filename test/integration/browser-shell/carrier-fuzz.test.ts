/**
 * Mutants of a page's calls as raw frames over the browser shell's IPC socket: the call envelope
 * (id, channel, request) mutated, the JSON text cut or spliced, binary frames. Whatever arrives,
 * the shell stays up, answers only with well-formed results, answers every call whose id it can
 * read, logs what it refused, changes the settings only to valid ones, and answers the next call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppSettings } from '../../../src/shared/ipc/contract'
import { forEachMutant, jsonText, mutants, seededRandom } from '../../support/mutation-fuzz'
import { openShellPage, startBareShell, type ShellPage } from '../../support/shell-page'

const SAMPLES = [
  { id: 900_001, channel: 'settings.update', request: { remindersEnabled: false, autoAwayMinutes: 15 } },
  { id: 900_001, channel: 'sessions.history', request: { limit: 20, filter: { query: 'react' } } },
  { id: 900_001, channel: 'messages.markRead', request: { requestId: 'req_1' } },
  { id: 900_001, channel: 'focus.take', request: { surface: 'window' } },
]

/** Send `frame` and then a valid call; resolve once the valid call is answered, with all heard meanwhile. */
async function sendThenCheck(page: ShellPage, frame: string | Buffer): Promise<unknown[]> {
  const heard: unknown[] = []
  const listen = (data: unknown): void => {
    const message = JSON.parse(String(data)) as { event?: unknown }
    // Pushes (a valid settings change tells every page) are not answers.
    if (message.event === undefined) heard.push(message)
  }
  page.ws.on('message', listen)
  page.ws.send(frame, { binary: Buffer.isBuffer(frame) })
  const answer = await page.call('settings.get')
  page.ws.off('message', listen)
  expect(answer).toMatchObject({ ok: true })
  // The settings stay valid whatever the mutants changed.
  expect(AppSettings.safeParse((answer as { value: unknown }).value).success).toBe(true)
  return heard
}

/** Every answer is `{ id, result }` with a result of the IpcResult shape and a bounded message. */
function expectWellFormedAnswers(heard: ReadonlyArray<unknown>): void {
  for (const message of heard) {
    const { id, result } = message as {
      id?: unknown
      result?: { ok?: unknown; error?: { message?: unknown } }
    }
    expect(typeof id).toBe('number')
    expect(typeof result?.ok).toBe('boolean')
    if (result?.ok === false) {
      expect(typeof result.error?.message).toBe('string')
      expect((result.error?.message as string).length).toBeLessThan(1_000)
    }
  }
}

describe('the browser shell carrier against mutated frames', () => {
  const warnings: string[] = []
  let stop: () => Promise<void>
  let page: ShellPage
  beforeAll(async () => {
    const log = {
      info: () => {},
      warn: (line: string) => warnings.push(line),
      error: (line: string) => warnings.push(line),
    }
    const started = await startBareShell({ log })
    stop = started.close
    page = await openShellPage(started.shell)
  })
  afterAll(async () => {
    page.ws.close()
    await stop()
  })

  SAMPLES.forEach((sample, n) => {
    it(`answers or refuses every mutant of a ${sample.channel} call, and answers the next call`, async () => {
      // The id is mutated with the rest: a call whose id cannot be read cannot be answered.
      const list = mutants(sample, { seed: 0xca11 + n, count: 120 })
      await forEachMutant(list, async (mutant) => {
        const logged = warnings.length
        const text = jsonText(mutant.value)
        // Nested past what JSON.stringify can write: bad-frames.test.ts sends such text by hand.
        if (text === undefined) return
        const heard = await sendThenCheck(page, text)
        expectWellFormedAnswers(heard)
        // Each refusal is logged until the shell's refusal log has written its bound for the window.
        if (heard.every((m) => (m as { result: { ok: boolean } }).result.ok === false) && logged < 40)
          expect(warnings.length).toBeGreaterThan(logged)
      })
    })
  })

  it('logs and passes over cut, spliced and binary frames, and answers the next call', async () => {
    const random = seededRandom(0xb1a5)
    const whole = JSON.stringify(SAMPLES[0])
    for (let i = 0; i < 150; i++) {
      const logged = warnings.length
      const cut = Math.floor(random() * whole.length)
      const frames: Array<string | Buffer> = [
        whole.slice(0, cut),
        `${whole.slice(0, cut)}\u0000${whole.slice(cut)}`,
        Buffer.from(whole.slice(0, cut)),
        Buffer.from([0x7b, Math.floor(random() * 256), 0x7d]),
      ]
      const frame = frames[i % frames.length]!
      try {
        const heard = await sendThenCheck(page, frame)
        expectWellFormedAnswers(heard)
        if (heard.length === 0 && logged < 40) expect(warnings.length).toBeGreaterThan(logged)
      } catch (error) {
        throw new Error(`Fuzz failure, seed ${0xb1a5} frame ${i}: ${JSON.stringify(String(frame))}`, {
          cause: error,
        })
      }
    }
  })
})
