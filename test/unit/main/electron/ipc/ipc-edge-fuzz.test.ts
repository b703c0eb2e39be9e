// Every channel of the IPC contract through Electron's carrier (the fake ipcMain, which clones as
// Electron does), sent what a page can send: seeded mutants of a valid request, calls from frames
// that are not the app's, calls once Standby is quitting, and calls in a tight loop. A refusal says
// what was wrong in one bounded sentence that repeats none of the page's text raw, the handler
// (and so the cache and the settings behind it) never sees it, and the next good call is answered.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppApi } from '../../../../../src/main/core/app-api'
import { CALL_AT_QUIT, refusedOnceClosed } from '../../../../../src/main/core/ipc/closed-api'
import { MOST_CALLS_IN_FLIGHT } from '../../../../../src/main/core/ipc/calls-in-flight'
import { createAppOrigin } from '../../../../../src/main/electron/app-origin'
import { registerAppApi } from '../../../../../src/main/electron/ipc/app-handlers'
import { createIpcMain } from '../../../../../src/main/electron/ipc/ipc-main'
import { CALL_NOT_DONE } from '../../../../../src/shared/ipc/call-phrases'
import { invokeChannels, invokeContract, type InvokeChannel } from '../../../../../src/shared/ipc/contract'
import { ATTACKER_TEXT, cloneMutants } from '../../../../support/clone-mutants'
import { fake, FakeWebContents, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog, type RecordingLog } from '../../../../support/recording-log'
import { VALID_REQUESTS } from '../../../../support/valid-ipc-requests'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const APP_PAGE = 'standby-app://app/'
const SEED = 0x1fe4

interface Answer {
  readonly ok: boolean
  readonly error?: { readonly code: string; readonly message: string }
}

let ours: FakeWebContents
let log: RecordingLog
/** What reached a handler, by channel: the only way a call changes the cache or the settings. */
let applied: Array<readonly [InvokeChannel, unknown]>
let closed: boolean
/** Set by a test to hold every handler until it lets go, as a slow platform would. */
let holdHandlers: Promise<void> | undefined

beforeEach(() => {
  resetFakeElectron()
  ours = new FakeWebContents()
  log = recordingLog()
  applied = []
  closed = false
  holdHandlers = undefined
  const origin = createAppOrigin({})
  const ipc = createIpcMain({
    policy: { isOwnWebContents: (contents) => Object.is(contents, ours), isAppUrl: origin.isAppUrl },
    log,
  })
  const spies = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      async (request: unknown) => {
        applied.push([channel, request])
        await holdHandlers
      },
    ]),
  )
  registerAppApi(
    ipc.handle,
    refusedOnceClosed(spies as unknown as AppApi, () => closed),
  )
})

function call(channel: InvokeChannel, payload: unknown, frameUrl: string | null = APP_PAGE): Promise<Answer> {
  return fake.ipcMain.invoke(channel, { sender: ours, frameUrl }, payload) as Promise<Answer>
}

/** The sentence of a refusal, checked for what any refusal must be. */
function expectToldSentence(answer: Answer, channel: InvokeChannel): string {
  expect(answer.ok).toBe(false)
  const message = answer.error?.message ?? ''
  // The expert reads what was not done in words; the channel name is for the log.
  expect(message.startsWith(`${CALL_NOT_DONE[channel]}: `)).toBe(true)
  expect(message).not.toContain(channel)
  expect(message.length).toBeLessThan(600)
  expect(message.isWellFormed()).toBe(true)
  expect(message).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  expect(message).not.toContain(ATTACKER_TEXT)
  return message
}

function expectLogBounded(): void {
  for (const line of log.lines) {
    expect(line.length).toBeLessThan(1_000)
    expect(line).not.toContain(ATTACKER_TEXT)
    expect(line).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
  }
}

describe('seeded mutants of every channel’s request, as structured clone carries them', () => {
  it.each(invokeChannels.map((channel, n) => [channel, n] as const))(
    '%s: hands its handler only what its schema holds, refuses the rest with a sentence, and answers the next good call',
    async (channel, n) => {
      const sample = VALID_REQUESTS[channel]
      for (const mutant of cloneMutants(sample, SEED + n, sample === undefined ? 30 : 120)) {
        applied = []
        const answer = await call(channel, mutant.value)
        const context = `${channel}, ${mutant.what}`
        if (answer.ok) {
          expect(applied, context).toHaveLength(1)
          expect(invokeContract[channel].request.safeParse(applied[0]![1]).success, context).toBe(true)
        } else {
          expect(applied, context).toEqual([])
          expect(answer.error?.code, context).toBe('invalid_payload')
          expectToldSentence(answer, channel)
        }
        expect((await call(channel, structuredClone(sample))).ok, `${context}, then a good call`).toBe(true)
      }
      expectLogBounded()
    },
  )
})

describe('calls from a frame that is not the app’s own page', () => {
  const FOREIGN = [
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'standby-app://evil/',
    'standby-app://app.evil/',
    'standby-app://user@app/',
    'standby-app://:secret@app/',
    'standby://invite/inv_1',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'blob:standby-app://app/1',
    `https://evil.example/\u202e${ATTACKER_TEXT}\n[error] forged`,
  ]

  it.each(invokeChannels)(
    '%s: refused from every foreign page, frame inside a page, and gone frame',
    async (channel) => {
      const sample = structuredClone(VALID_REQUESTS[channel])
      const senders = [
        ...FOREIGN.map((frameUrl) => ({ sender: ours, frameUrl })),
        { sender: ours, frameUrl: APP_PAGE, subFrame: true },
        { sender: ours, frameUrl: APP_PAGE, frame: 'detached' as const },
        { sender: ours, frameUrl: APP_PAGE, frame: 'disposed' as const },
        { sender: ours, frameUrl: null },
        { sender: new FakeWebContents(), frameUrl: APP_PAGE },
        { sender: closedWindowContents(), frameUrl: APP_PAGE },
      ]
      for (const from of senders) {
        const answer = (await fake.ipcMain.invoke(channel, from, sample)) as Answer
        expect(answer.error?.code, JSON.stringify(from.frameUrl)).toBe('forbidden_sender')
        expectToldSentence(answer, channel)
      }
      expect(applied).toEqual([])
      expectLogBounded()
      expect((await call(channel, sample)).ok).toBe(true)
    },
  )
})

/** The contents of a window closed since: no longer one of the app's live pages. */
function closedWindowContents(): FakeWebContents {
  const contents = new FakeWebContents()
  contents.destroy()
  return contents
}

describe('what structured clone cannot carry, handed to the registered handler as it is', () => {
  const throwing = {
    get inviteId(): string {
      throw new Error(ATTACKER_TEXT)
    },
  }
  const UNCLONEABLE: ReadonlyArray<readonly [string, unknown]> = [
    ['a function', () => 'inv_1'],
    ['a symbol', Symbol('inv_1')],
    ['an object holding a function', { inviteId: () => 'inv_1' }],
    ['a getter that throws', throwing],
    [
      'a proxy whose keys throw',
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error(ATTACKER_TEXT)
          },
        },
      ),
    ],
    [
      'a proxy whose prototype throws',
      new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error(ATTACKER_TEXT)
          },
        },
      ),
    ],
  ]

  it.each(invokeChannels)('%s: refused, never thrown, the handler not run', async (channel) => {
    const listener = fake.ipcMain.handlers.get(channel)!
    const event = { sender: ours, senderFrame: { url: APP_PAGE, parent: null, detached: false } }
    for (const [what, payload] of UNCLONEABLE) {
      const answer = (await listener(event as never, payload)) as Answer
      if (answer.ok)
        expect(invokeContract[channel].request.safeParse(applied.at(-1)?.[1]).success, what).toBe(true)
      else expectToldSentence(answer, channel)
    }
    expectLogBounded()
  })
})

describe('calls once Standby is quitting', () => {
  it.each(invokeChannels)('%s: refused with the quit’s sentence, run by no handler', async (channel) => {
    closed = true
    const answer = await call(channel, structuredClone(VALID_REQUESTS[channel]))
    expect(answer).toMatchObject({ ok: false, error: { code: 'handler_failed', message: CALL_AT_QUIT } })
    expect(applied).toEqual([])
  })
})

describe('a page calling in a tight loop', () => {
  it.each(invokeChannels)(
    '%s: holds at most the bound at once, refuses the rest in words, then answers again',
    async (channel) => {
      let release: () => void = () => undefined
      holdHandlers = new Promise((resolve) => (release = resolve))
      const sample = VALID_REQUESTS[channel]
      const calls = Array.from({ length: MOST_CALLS_IN_FLIGHT * 4 }, () =>
        call(channel, structuredClone(sample)),
      )
      release()
      const answers = await Promise.all(calls)
      expect(answers.filter((answer) => answer.ok)).toHaveLength(MOST_CALLS_IN_FLIGHT)
      for (const answer of answers.filter((each) => !each.ok)) {
        expect(answer.error?.code).toBe('too_many_calls')
        expectToldSentence(answer, channel)
      }
      expect(applied).toHaveLength(MOST_CALLS_IN_FLIGHT)
      holdHandlers = undefined
      expect((await call(channel, structuredClone(sample))).ok).toBe(true)
    },
  )
})
