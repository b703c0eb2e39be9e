/**
 * A page that sends calls or pings but does not read the answers (a stalled tab, a broken page)
 * must not make the shell keep every answer in memory: the shell stops reading that page until it
 * catches up, and then answers every call and every ping.
 */
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/shared/logger'
import { openShellPage, startBareShell, type ShellPage } from '../../support/shell-page'

/**
 * Calls sent between two looks at whether the shell stopped reading: few, as the shell starts a
 * bounded number at once and every call sent past what it needs is one more to answer at the end.
 */
const CALLS_AT_ONCE = 100
// The most a control frame may carry, so each ping costs the shell as much as it can.
const PING_BYTES = 125

describe('the browser shell and a page that does not read its answers', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  /** A shell, a page that does not read, and a promise of the shell saying it stopped reading it. */
  async function pageNotReading(): Promise<{
    page: ShellPage
    stopped: Promise<void>
    stillServes(): Promise<void>
  }> {
    let heardStop: () => void = () => {}
    const stopped = new Promise<void>((resolve) => (heardStop = resolve))
    const log: Logger = {
      info: () => {},
      error: () => {},
      warn: (message) => {
        if (message.includes('does not read what the shell sends it')) heardStop()
      },
    }
    const bare = await startBareShell({ log })
    close = bare.close
    const page = await openShellPage(bare.shell)
    page.ws.pause()
    const stillServes = async (): Promise<void> => {
      const other = await openShellPage(bare.shell)
      expect(await other.call('connection.getState')).toMatchObject({ ok: true })
      other.ws.close()
    }
    return { page, stopped, stillServes }
  }

  it('stops reading its calls while its answers pile up, then answers every one', async () => {
    const { page, stopped, stillServes } = await pageNotReading()
    let heard = false
    void stopped.then(() => (heard = true))
    // As many as it takes, whatever the kernel's buffers hold: a fixed number large enough for
    // any machine's buffers is several times what most need, and a busy machine took longer to
    // answer them all than the case may run.
    const answers: Array<Promise<unknown>> = []
    const socket = (page.ws as unknown as { _socket: Socket })._socket
    while (!heard) {
      for (let i = 0; i < CALLS_AT_ONCE; i++) answers.push(page.call('app.getInfo'))
      // No faster than the shell reads them: it starts a bounded number at once, and calls it has
      // not read yet would only pile up in this process, not in the shell's outbox.
      await Promise.race([
        stopped,
        new Promise((resolve) =>
          socket.writableNeedDrain ? socket.once('drain', resolve) : setImmediate(resolve),
        ),
      ])
    }
    await stillServes()

    page.ws.resume()
    const results = await Promise.all(answers)
    expect(results.filter((result) => (result as { ok?: unknown }).ok !== true)).toEqual([])
    page.ws.close()
  }, 30_000)

  it('counts its pongs with its answers: stops reading its pings, then answers every one in order', async () => {
    const { page, stopped, stillServes } = await pageNotReading()
    let heard = false
    void stopped.then(() => (heard = true))
    // As many as it takes, whatever the kernel's buffers hold.
    let pings = 0
    while (!heard) {
      for (const end = pings + 1_000; pings < end; pings++)
        page.ws.ping(Buffer.from(String(pings).padStart(PING_BYTES, '0')))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await stillServes()

    const pongs: number[] = []
    const all = new Promise<void>((resolve) =>
      page.ws.on('pong', (data) => {
        pongs.push(Number(String(data)))
        if (pongs.length === pings) resolve()
      }),
    )
    page.ws.resume()
    await all
    expect(pongs.every((n, i) => n === i)).toBe(true)
    page.ws.close()
  }, 30_000)
})
