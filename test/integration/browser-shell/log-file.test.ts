// The log file of a whole run of the core (sign-in, a failed one, messages both ways, refused
// calls) holds no token, no password and no message text: grepped, not assumed.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../server/src/auth'
import { PREVIOUS_LOG_FILE_NAME } from '../../../src/main/node/file-log'
import { openShellPage, startBareShell, type ShellPage } from '../../support/shell-page'
import { useTestPlatform } from '../../support/test-platform'
import { stallTimer } from '../../support/stall-timer'

const PASSWORD = 'correct-horse-battery-staple-4711'
const WRONG_PASSWORD = 'Tr0ub4dor&3-typed-wrong'
const EXPERT_TEXT = 'Are the customer_id values unique on both sides?'
const CLIENT_TEXT = 'Not on the right side: there are duplicates in the ledger.'
const REFUSED_TEXT = 'This one goes to a request that does not exist.'

/**
 * Resolves once `check` holds, checking now and again on every message the page receives (a push
 * that arrives while a check is under way wakes another).
 */
function until(page: ShellPage, what: string, check: () => Promise<boolean>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // Fires only once the page received nothing for its span: a hang, not a busy machine.
    const timer = stallTimer(20_000, () => reject(new Error(`Timed out waiting for ${what}`)))
    const run = (): void =>
      void check().then((done) => {
        if (!done) return timer.progress()
        timer.stop()
        page.ws.off('message', run)
        resolve()
      }, reject)
    page.ws.on('message', run)
    run()
  })
}

describe('the log file', () => {
  const platform = useTestPlatform()
  let bare: Awaited<ReturnType<typeof startBareShell>>

  beforeAll(async () => {
    platform().server.marketplace.createExpert({
      id: 'exp_logged',
      name: 'Logged Expert',
      email: 'logged@example.test',
      passwordHash: await hashPassword(PASSWORD),
      timeZone: 'Europe/Paris',
    })
    bare = await startBareShell({ defaultPlatformUrl: platform().server.url })
  })
  afterAll(() => bare.close())

  it('holds what happened in a run, and never its token, password or message texts', async () => {
    const { shell } = bare
    const page = await openShellPage(shell)
    const url = platform().server.url
    const signIn = (password: string): Promise<unknown> =>
      page.call('auth.signIn', { platformUrl: url, email: 'logged@example.test', password })
    expect(await signIn(WRONG_PASSWORD)).toMatchObject({ ok: true, value: { ok: false } })
    expect(await signIn(PASSWORD)).toMatchObject({ ok: true, value: { ok: true } })
    const online = (): Promise<boolean> =>
      page
        .call('connection.getState')
        .then((state) => (state as { value: { status: string } }).value.status === 'online')
    await until(page, 'the core to come online', online)

    const { request } = platform().inviteDirectly('exp_logged', 'Pandas merge doubles my rows')
    const listed = (text: string) => async (): Promise<boolean> => {
      const answer = (await page.call('messages.list', { requestId: request.id })) as {
        value?: { messages: ReadonlyArray<{ body: string }> }
      }
      return (answer.value?.messages ?? []).some((message) => message.body === text)
    }
    const invited = async (): Promise<boolean> => {
      const answer = (await page.call('invites.list')) as {
        value: { open: ReadonlyArray<{ request: { id: string } }> }
      }
      return answer.value.open.some((invite) => invite.request.id === request.id)
    }
    await until(page, 'the invite', invited)
    expect(await page.call('messages.send', { requestId: request.id, body: EXPERT_TEXT })).toMatchObject({
      ok: true,
      value: { ok: true },
    })
    platform().server.marketplace.clientMessage(request.id, 'exp_logged', CLIENT_TEXT)
    await until(page, "the client's answer", listed(CLIENT_TEXT))
    // Refused by the platform, and refused by the contract (too long): both are logged.
    expect(await page.call('messages.send', { requestId: 'req_missing', body: REFUSED_TEXT })).toMatchObject({
      ok: true,
      value: { ok: false },
    })
    expect(
      await page.call('messages.send', { requestId: request.id, body: `${REFUSED_TEXT} `.repeat(200) }),
    ).toMatchObject({ ok: false })
    const token = (await shell.adapters.secrets.load())?.token
    expect(token).toBeDefined()
    page.ws.close()

    const previous = join(shell.logPath, '..', PREVIOUS_LOG_FILE_NAME)
    const text =
      readFileSync(shell.logPath, 'utf8') + (existsSync(previous) ? readFileSync(previous, 'utf8') : '')
    expect(text).toContain('Signed in as logged@example.test')
    expect(text).toContain('Sign-in failed')
    for (const secret of [token ?? '', PASSWORD, WRONG_PASSWORD, EXPERT_TEXT, CLIENT_TEXT, REFUSED_TEXT]) {
      expect(text.includes(secret), `the log holds "${secret}"`).toBe(false)
    }
    // Not even a piece of one: a message text cut short would still be someone's words.
    for (const fragment of [
      'customer_id values',
      'duplicates in the ledger',
      'does not exist.',
      'staple-4711',
    ]) {
      expect(text.includes(fragment), `the log holds "${fragment}"`).toBe(false)
    }
  })
})
