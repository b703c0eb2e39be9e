/**
 * The test hooks read a body only within a bound: the secret says who sends it, not how much, so
 * an oversized one is refused with 413 whether its length is declared or it just keeps coming.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MOST_HOOK_BODY_BYTES, POWER_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

/** A valid power event, padded past the bound: only its size is wrong. */
const oversized = `{"event":"resume"${' '.repeat(MOST_HOOK_BODY_BYTES)}}`

function post(body: BodyInit, more: RequestInit = {}): Promise<Response> {
  return fetch(`${bare.shell.origin}${POWER_HOOK_PATH}`, {
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
