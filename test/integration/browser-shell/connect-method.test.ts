/**
 * The shell is no proxy: a CONNECT, which Node hands to no route, is answered 405 with a sentence,
 * as every other method the shell does not serve, instead of a connection closed without a word.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rawExchange } from '../../support/raw-http'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
const warnings: string[] = []
beforeAll(async () => {
  bare = await startBareShell({
    log: { info: () => {}, warn: (line: string) => warnings.push(line), error: () => {} },
  })
})
afterAll(() => bare.close())

/** What the shell answers to `text` on a fresh connection, once it has closed it. */
const answerTo = (text: string): Promise<string> => rawExchange(bare.shell.origin, text)

it('answers a CONNECT 405 with the page headers and a sentence, logs it, and serves the next request', async () => {
  const { host } = new URL(bare.shell.origin)
  const answer = await answerTo(`CONNECT example.com:443 HTTP/1.1\r\nHost: ${host}\r\n\r\n`)
  expect(answer).toMatch(/^HTTP\/1\.1 405 /)
  expect(answer.toLowerCase()).toContain('content-security-policy:')
  expect(answer).toContain('Standby’s pages are only read.')
  expect(warnings.some((line) => line.includes('CONNECT'))).toBe(true)
  expect((await fetch(`${bare.shell.origin}/`)).status).toBe(200)
})
