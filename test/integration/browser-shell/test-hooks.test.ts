/**
 * The test hooks read a body only within a bound: the secret says who sends it, not how much, so
 * an oversized one is refused with 413 whether its length is declared or it just keeps coming.
 * Each refusal is plain text with the page headers, as every other answer of the shell.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  MOST_HOOK_BODY_BYTES,
  NOTIFICATION_HOOK_PATH,
  OPENED_PAGES_HOOK_PATH,
  POWER_HOOK_PATH,
  UPDATER_HOOK_PATH,
} from '../../../src/browser-shell/test-hooks'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

/** A valid power event, padded past the bound: only its size is wrong. */
const oversized = `{"event":"resume"${' '.repeat(MOST_HOOK_BODY_BYTES)}}`

function post(body: BodyInit, more: RequestInit = {}, path = POWER_HOOK_PATH): Promise<Response> {
  return fetch(`${bare.shell.origin}${path}`, {
    method: 'POST',
    headers: { 'x-standby-secret': bare.shell.secret, 'content-type': 'application/json' },
    body,
    ...more,
  })
}

it('answers 413 to a body declared larger than the bound', async () => {
  const answer = await post(oversized)
  expect(answer.status).toBe(413)
  expect(await answer.text()).toMatch(/larger than/)
})

it('answers 413 to a streamed body once it passes the bound', async () => {
  const bytes = new TextEncoder().encode(oversized)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // In pieces and without a declared length, as a chunked upload arrives.
      for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.subarray(at, at + 8192))
      controller.close()
    },
  })
  const answer = await post(stream, { duplex: 'half' } as RequestInit)
  expect(answer.status).toBe(413)
})

it('still plays a body within the bound', async () => {
  expect((await post(JSON.stringify({ event: 'resume' }))).status).toBe(204)
})

it('answers every refusal as plain text with the page headers, whatever of the call it quotes', async () => {
  const markup = '<script>alert(1)</script>'
  const answers = await Promise.all([
    post('{"event":"resume"}', { headers: {} }),
    fetch(`${bare.shell.origin}${OPENED_PAGES_HOOK_PATH}`),
    post('not json'),
    post(JSON.stringify({ event: markup })),
    post(JSON.stringify({ inviteId: markup, action: 'open' }), {}, NOTIFICATION_HOOK_PATH),
    post(JSON.stringify({ next: markup }), {}, UPDATER_HOOK_PATH),
    post(oversized),
  ])
  expect(answers.map((answer) => answer.status)).toEqual([403, 403, 400, 400, 409, 400, 413])
  for (const answer of answers) {
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect((await answer.text()).length).toBeGreaterThan(0)
  }
})

it('lists the opened pages with the page headers too', async () => {
  const answer = await fetch(`${bare.shell.origin}${OPENED_PAGES_HOOK_PATH}`, {
    headers: { 'x-standby-secret': bare.shell.secret },
  })
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
  expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'")
  expect(await answer.json()).toEqual({ opened: [] })
})
