import { afterEach, describe, expect, it } from 'vitest'
import { openShellPage, startBareShell } from '../../support/shell-page'

describe('the platform address the host suggests on the sign-in form', () => {
  let close: () => Promise<void> = async () => {}
  afterEach(() => close())

  async function suggested(defaultPlatformUrl: string): Promise<{ answer: unknown; warnings: string[] }> {
    const warnings: string[] = []
    const log = { info: () => {}, warn: (line: string) => void warnings.push(line), error: () => {} }
    const bare = await startBareShell({ defaultPlatformUrl, log })
    close = async () => {
      close = async () => {}
      await bare.close()
    }
    const page = await openShellPage(bare.shell)
    const answer = await page.call('app.getInfo')
    page.ws.close()
    return { answer, warnings }
  }

  // STANDBY_PLATFORM_URL is typed by whoever starts the app: the form and Settings show it.
  it('is left out, with a log line that does not repeat it, when it holds a password', async () => {
    const { answer, warnings } = await suggested('https://ada:hunter2@platform.example')
    expect(answer).toMatchObject({ ok: true, value: { defaultPlatformUrl: null } })
    expect(warnings.join('\n')).toMatch(/suggested platform address is not used: .*user name or password/)
    expect(warnings.join('\n')).not.toContain('hunter2')
  })

  it('is left out when sign-in would refuse it: plain http to another computer, or no web address', async () => {
    for (const address of ['http://platform.example:4455', 'ftp://platform.example', 'a b']) {
      const { answer, warnings } = await suggested(address)
      expect(answer, address).toMatchObject({ ok: true, value: { defaultPlatformUrl: null } })
      expect(warnings.join('\n'), address).toMatch(/suggested platform address is not used/)
      await close()
    }
  })

  it('is suggested as sign-in would use it', async () => {
    const { answer, warnings } = await suggested('localhost:4455/')
    expect(answer).toMatchObject({ ok: true, value: { defaultPlatformUrl: 'http://localhost:4455' } })
    expect(warnings.filter((line) => /platform address/.test(line))).toEqual([])
  })
})
