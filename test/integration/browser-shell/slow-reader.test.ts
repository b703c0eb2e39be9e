/**
 * A page that sends calls but does not read the answers (a stalled tab, a broken page) must not
 * make the shell keep every answer in memory: the shell stops reading that page's calls until it
 * catches up, and then answers every one of them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/shared/logger'
import { openShellPage, startBareShell } from '../../support/shell-page'

const CALLS = 120_000

describe('the browser shell and a page that does not read its answers', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  it('stops reading its calls while its answers pile up, then answers every one', async () => {
    let heardStop: () => void = () => {}
    const stopped = new Promise<void>((resolve) => (heardStop = resolve))
    const log: Logger = {
      info: () => {},
      error: () => {},
      warn: (message) => {
        if (message.includes('does not read its answers')) heardStop()
      },
    }
    const bare = await startBareShell({ log })
    close = bare.close
    const page = await openShellPage(bare.shell)
    page.ws.pause()
    const answers = Array.from({ length: CALLS }, () => page.call('app.getInfo'))
    await stopped

    // Another page is answered meanwhile.
    const other = await openShellPage(bare.shell)
    expect(await other.call('connection.getState')).toMatchObject({ ok: true })
    other.ws.close()

    page.ws.resume()
    const results = await Promise.all(answers)
    expect(results.filter((result) => (result as { ok?: unknown }).ok !== true)).toEqual([])
    page.ws.close()
  }, 30_000)
})
