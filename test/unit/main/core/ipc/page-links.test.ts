/**
 * A page's link to the system browser: the platform's pages and the download page open at once;
 * anything else (a client's attachment link, a look-alike of the platform) only once the expert,
 * shown where it leads, says so.
 */
import { describe, expect, it, vi } from 'vitest'
import { pageLinkOpener, type LinkQuestion } from '../../../../../src/main/core/ipc/page-links'
import { recordingLog } from '../../../../support/recording-log'

/** An opener signed in to `platformUrl`, whose expert answers `answer` to every question. */
function opener(options: { platformUrl?: string | null; answer?: boolean } = {}) {
  const opened: string[] = []
  const questions: LinkQuestion[] = []
  const log = recordingLog()
  const ask = vi.fn(async (question: LinkQuestion) => {
    questions.push(question)
    return options.answer ?? false
  })
  const open = pageLinkOpener({
    open: async (url) => void opened.push(url),
    ask,
    platformUrl: () =>
      options.platformUrl === undefined ? 'https://platform.example.com/base' : options.platformUrl,
    alsoTrusted: ['https://downloads.example.com/standby/'],
    log,
  })
  return { open, opened, questions, ask, log }
}

describe('a link a page hands to the system browser', () => {
  it('opens at once on the platform signed in to and on the download page', async () => {
    const world = opener()
    await world.open('https://platform.example.com/rooms/ses_1?key=k')
    await world.open('https://downloads.example.com/standby/Standby-1.3.0.dmg')
    expect(world.opened).toHaveLength(2)
    expect(world.ask).not.toHaveBeenCalled()
  })

  it.each([
    ['another site', 'https://files.example.net/details.exe', 'https://files.example.net'],
    [
      'a look-alike host',
      'https://platform.example.com.evil.test/sign-in',
      'https://platform.example.com.evil.test',
    ],
    [
      'a Unicode look-alike, named as the browser will',
      'https://plаtform.example.com/',
      'https://xn--pltform-3fg.example.com',
    ],
    [
      'the platform over plain http',
      'http://platform.example.com/rooms/ses_1',
      'http://platform.example.com',
    ],
    [
      'the platform on another port',
      'https://platform.example.com:8443/',
      'https://platform.example.com:8443',
    ],
  ])(
    'asks first for %s, naming where it leads, and opens nothing when declined',
    async (_what, url, site) => {
      const world = opener()
      await world.open(url)
      expect(world.opened).toEqual([])
      expect(world.questions).toEqual([
        {
          message: 'Open a link to another site?',
          detail: `It leads to "${site}", which is not the platform you signed in to (https://platform.example.com). Open it only if you expected it: a link a client sends can lead anywhere.`,
        },
      ])
      expect(world.log.text()).toContain(`The expert chose not to open "${site}"`)
    },
  )

  it('opens a link to another site once the expert says so', async () => {
    const world = opener({ answer: true })
    await world.open('https://files.example.net/details.txt')
    expect(world.opened).toEqual(['https://files.example.net/details.txt'])
  })

  it('asks for every link but the download page while signed out', async () => {
    const world = opener({ platformUrl: null })
    await world.open('https://platform.example.com/help')
    await world.open('https://downloads.example.com/standby/')
    expect(world.questions.map((question) => question.detail)).toEqual([
      'It leads to "https://platform.example.com", which is not the platform. Open it only if you expected it: a link a client sends can lead anywhere.',
    ])
    expect(world.opened).toEqual(['https://downloads.example.com/standby/'])
  })

  it('asks one question at a time: a link asked for meanwhile is refused, saying why', async () => {
    let answer: (yes: boolean) => void = () => {}
    const opened: string[] = []
    const open = pageLinkOpener({
      open: async (url) => void opened.push(url),
      ask: () => new Promise((resolve) => (answer = resolve)),
      platformUrl: () => null,
      alsoTrusted: [],
      log: recordingLog(),
    })
    const first = open('https://one.example.net/')
    await expect(open('https://two.example.net/')).rejects.toThrow(
      'Standby is still asking about another link: answer that question first.',
    )
    answer(true)
    await first
    // Answered, the next link is asked about again.
    const third = open('https://three.example.net/')
    answer(false)
    await third
    expect(opened).toEqual(['https://one.example.net/'])
  })
})
