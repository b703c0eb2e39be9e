import { describe, expect, it, vi } from 'vitest'
import {
  CLOSING_EVENT,
  COMMAND_EVENT,
  PROBE_EVENT,
  TOO_MANY_MESSAGES,
  type CommandAck,
} from '../../../src/shared/protocol'
import { MOST_MESSAGE_BYTES } from '../../../server/src/answering-decoder'
import { FLOOD_BYTES_PER_MESSAGE, FLOOD_FACTOR } from '../../../server/src/flood-guard'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const LIMIT = { burst: 5, perSecond: 1 }
/** What one connection may send before it is cut, with no time passing. */
const ALLOWANCE = LIMIT.burst * FLOOD_FACTOR

describe('a connection flooding the platform with messages', () => {
  const platform = useTestPlatform({ rateLimit: LIMIT })
  const cutLines = (): string[] =>
    platform().logger.lines.filter((l) => l.includes('connection cut: the client sent'))
  const probe = (c: ExpertConnection): Promise<CommandAck> =>
    c.socket.timeout(10_000).emitWithAck(PROBE_EVENT, {}) as Promise<CommandAck>
  const disconnected = (c: ExpertConnection): Promise<string> =>
    new Promise((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)))

  it('is cut, said once in the log, when it sends far past its allowance asking for no answer, and nobody else is', async () => {
    const flooder = platform().addExpert()
    const hostile = await platform().connect(flooder.token)
    const bystander = await platform().connect(platform().addExpert().token)
    const heard: unknown[] = []
    hostile.socket.on(CLOSING_EVENT, (notice: unknown) => heard.push(notice))
    const closed = disconnected(hostile)
    for (let i = 0; i < ALLOWANCE * 10; i++) hostile.socket.emit(COMMAND_EVENT, { flood: i })
    expect(await closed).toBe('io server disconnect')
    // Told why before the cut, so the app can say so.
    expect(heard).toEqual([{ reason: TOO_MANY_MESSAGES }])
    expect(cutLines()).toHaveLength(1)
    expect(cutLines()[0]).toContain(flooder.id)
    expect(await probe(bystander)).toMatchObject({ ok: true })
  })

  it('counts every connection of one expert against one budget, however many sign-ins hold them', async () => {
    const flooder = platform().addExpert()
    const tokens = [flooder.token, platform().server.tokens.issue(flooder.id, platform().clock.now())]
    // Two sockets on each of two sign-ins, each sending well within what one connection might.
    const sockets = await Promise.all([...tokens, ...tokens].map((t) => platform().connect(t)))
    const closed = Promise.all(sockets.map(disconnected))
    const share = ALLOWANCE - 1
    for (const c of sockets) for (let i = 0; i < share; i++) c.socket.emit(COMMAND_EVENT, { flood: i })
    // Each is cut at its first message once the expert's budget is spent.
    expect(await closed).toEqual(sockets.map(() => 'io server disconnect'))
    const bystander = await platform().connect(platform().addExpert().token)
    expect(await probe(bystander)).toMatchObject({ ok: true })
  })

  it('cuts the device that keeps its expert’s budget spent, not the app sending a few messages beside it', async () => {
    const expert = platform().addExpert()
    const app = await platform().connect(expert.token)
    // Another device signed in as the same expert, sending as fast as the budget refills.
    const flooder = await platform().connect(expert.token)
    const closed = disconnected(flooder)
    const appCut = vi.fn()
    app.socket.on('disconnect', appCut)
    // Each round spends what refilled since the last, its last message answered so it is counted.
    const spend = async (count: number): Promise<void> => {
      for (let i = 1; i < count; i++) flooder.socket.emit(COMMAND_EVENT, { flood: i })
      await probe(flooder)
    }
    await spend(ALLOWANCE)
    for (let round = 0; round < 3; round++) {
      platform().clock.advance(1000)
      await spend(LIMIT.perSecond * FLOOD_FACTOR)
    }
    // The app's message finds the budget spent: it is answered, and the flooder is the one cut.
    expect(await probe(app)).toMatchObject({ ok: true })
    expect(await closed).toBe('io server disconnect')
    expect(cutLines().filter((l) => l.includes(expert.id))).toHaveLength(1)
    platform().clock.advance(1000)
    expect(await probe(app)).toMatchObject({ ok: true })
    expect(appCut).not.toHaveBeenCalled()
    expect(app.socket.connected).toBe(true)
  })

  it('keeps the spent budget across a reconnect, and lets the expert in again as it refills', async () => {
    const expert = platform().addExpert()
    const first = await platform().connect(expert.token)
    const cut = disconnected(first)
    for (let i = 0; i <= ALLOWANCE; i++) first.socket.emit(COMMAND_EVENT, { flood: i })
    await cut
    // Straight back with nothing refilled: the first message finds the budget spent.
    const again = await platform().connect(expert.token)
    const cutAgain = disconnected(again)
    again.socket.emit(COMMAND_EVENT, { flood: 'again' })
    expect(await cutAgain).toBe('io server disconnect')
    // A second later the budget holds more than a probe: an app that waited is answered.
    platform().clock.advance(1000)
    const later = await platform().connect(expert.token)
    expect(await probe(later)).toMatchObject({ ok: true })
  })

  it('keeps a connection that sends up to it, refused as rate limited past its expert’s allowance', async () => {
    const expert = await platform().connect(platform().addExpert().token)
    const answers: CommandAck[] = []
    for (let i = 0; i < ALLOWANCE; i++) answers.push(await probe(expert))
    expect(answers.filter((a) => a.ok)).toHaveLength(LIMIT.burst)
    expect(answers.slice(LIMIT.burst).every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true)
    // After the wait it was told, both allowances have refilled: it is answered again.
    platform().clock.advance(1000)
    expect(await probe(expert)).toMatchObject({ ok: true })
    expect(expert.socket.connected).toBe(true)
  })

  it('counts a large message as many times as its size holds an ordinary one, and cuts that much sooner', async () => {
    const expert = await platform().connect(platform().addExpert().token)
    // Four shares each, the event's name and framing included.
    const large = { pad: 'x'.repeat(4 * FLOOD_BYTES_PER_MESSAGE - 100) }
    const closed = disconnected(expert)
    for (let i = 0; i < ALLOWANCE / 4 - 1; i++) expert.socket.emit(COMMAND_EVENT, large)
    expect(await probe(expert)).toMatchObject({ ok: true })
    expert.socket.emit(COMMAND_EVENT, large)
    expect(await closed).toBe('io server disconnect')
  })

  it('counts the bytes of an attachment as it counts text, cutting a flood of binary messages as soon', async () => {
    const expert = await platform().connect(platform().addExpert().token)
    // Each one a message naming the event and one carrying three shares: five counts in all.
    const attachment = Buffer.alloc(3 * FLOOD_BYTES_PER_MESSAGE)
    const closed = disconnected(expert)
    for (let i = 0; i < ALLOWANCE / 5 - 1; i++) expert.socket.emit(COMMAND_EVENT, attachment)
    expect(await probe(expert)).toMatchObject({ ok: true })
    expert.socket.emit(COMMAND_EVENT, attachment)
    // A probe after it is answered only where the attachment went uncounted.
    expect(await Promise.race([closed, probe(expert)])).toBe('io server disconnect')
  })

  it('answers one message as large as the platform takes, even where it holds more shares than the whole allowance', async () => {
    expect(MOST_MESSAGE_BYTES / FLOOD_BYTES_PER_MESSAGE).toBeGreaterThan(ALLOWANCE)
    const signedIn = platform().addExpert()
    const expert = await platform().connect(signedIn.token)
    const large = { pad: 'x'.repeat(MOST_MESSAGE_BYTES - 100) }
    const ack = (await expert.socket.timeout(10_000).emitWithAck(COMMAND_EVENT, large)) as CommandAck
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(expert.socket.connected).toBe(true)
    expect(cutLines().filter((l) => l.includes(signedIn.id))).toEqual([])
    // Each counts a whole allowance of its expert's: sent again and again, they are cut.
    const closed = disconnected(expert)
    for (let i = 0; i < FLOOD_FACTOR; i++) expert.socket.emit(COMMAND_EVENT, large)
    expect(await closed).toBe('io server disconnect')
  })

  it('is cut as well when every message asks for an answer', async () => {
    const expert = await platform().connect(platform().addExpert().token)
    const closed = disconnected(expert)
    const answers = Array.from({ length: ALLOWANCE + 1 }, () => probe(expert).catch(() => 'unanswered'))
    expect(await closed).toBe('io server disconnect')
    expect((await Promise.all(answers)).at(-1)).toBe('unanswered')
  })
})
