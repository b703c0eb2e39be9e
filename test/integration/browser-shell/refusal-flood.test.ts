/**
 * Traffic the shell refuses costs log lines, and a web page needs no secret to be refused: a flood
 * of it must not push the rest of the log out of the capped file, nor stop the shell answering.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { PREVIOUS_LOG_FILE_NAME } from '../../../src/main/node/file-log'
import { REFUSAL_LOG_LIMITS } from '../../../src/main/core/ipc/refusal-log'
import { recordingLog } from '../../support/recording-log'
import { openShellPage, shellCloseCode, startBareShell } from '../../support/shell-page'
import { WRONG_KEY_CLOSE } from '../../../src/shared/ipc/shell-socket'

describe('the browser shell under a flood of refused traffic', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  it('logs a bounded number of refusals, keeps the log from before, and goes on answering', async () => {
    const log = recordingLog()
    const bare = await startBareShell({ log })
    close = bare.close
    const { shell } = bare
    const page = await openShellPage(shell)
    // Enough malformed frames to fill the log file several times over, one line each.
    for (let i = 0; i < 20_000; i++) page.ws.send(`not json ${i}`)
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    for (let i = 0; i < 100; i++)
      await expect(openShellPage(shell, { origin: 'http://evil.example' })).rejects.toThrow(/403/)

    const refusals = log.lines.filter((line) => line.startsWith('warn Browser shell'))
    expect(refusals.length).toBeLessThan(200)
    expect(log.text()).toContain('not logged')
    expect(readdirSync(dirname(shell.logPath))).not.toContain(PREVIOUS_LOG_FILE_NAME)
    expect(readFileSync(shell.logPath, 'utf8')).toContain('ignored an IPC message that is not JSON')
    page.ws.close()
  }, 30_000)

  it('says at its close how many refusals it left out, not in a minute when it is gone', async () => {
    const log = recordingLog()
    const bare = await startBareShell({ log })
    for (let i = 0; i < REFUSAL_LOG_LIMITS.lines + 10; i++)
      await expect(openShellPage(bare.shell, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
    expect(log.text()).not.toMatch(/more refusals like those above were not logged/)
    await bare.close()
    expect(log.text()).toMatch(/\d+ more refusals like those above were not logged\./)
  })

  it('logs a bounded number of lines for a page’s calls refused past the burst of opens', async () => {
    const log = recordingLog()
    const bare = await startBareShell({ log })
    close = bare.close
    const page = await openShellPage(bare.shell)
    for (let i = 0; i < 300; i++) await page.call('shell.openExternal', `https://example.com/${i}`)
    const failed = log.lines.filter((line) => line.includes('IPC shell.openExternal failed'))
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThanOrEqual(REFUSAL_LOG_LIMITS.lines)
    page.ws.close()
  })

  it('names a refused connection by a short excerpt of its address and origin, however long they are', async () => {
    const log = recordingLog()
    const bare = await startBareShell({ log })
    close = bare.close
    const { shell } = bare
    const long = 'a'.repeat(8_000)
    // Any web page may open a socket to any path; a local program may send any Origin.
    expect(await shellCloseCode(shell, { origin: shell.origin }, `x&${long}`)).toBe(WRONG_KEY_CLOSE.code)
    await expect(openShellPage(shell, { origin: `http://${long}.example` })).rejects.toThrow(/403/)
    const path = `${shell.origin.replace('http', 'ws')}/${long}`
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(path, { headers: { origin: 'http://evil.example' } })
      ws.once('error', () => resolve())
    })
    const refusals = log.lines.filter((line) => line.includes('refused an IPC connection'))
    expect(refusals).toHaveLength(3)
    for (const line of refusals) expect(line.length).toBeLessThan(300)
  })
})
