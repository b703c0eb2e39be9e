import { describe, expect, it } from 'vitest'
import { HISTORY_KEPT } from '../../../../../src/main/node/adapters/recorded-history'
import { createRecordingBrowser } from '../../../../../src/main/node/adapters/recording-browser'

describe('the recording browser', () => {
  it('keeps each page it was asked to open, tells its listeners and prints one line for the person to open', async () => {
    const lines: string[] = []
    const browser = createRecordingBrowser({ out: { write: (text: string) => lines.push(text) > 0 } })
    const heard: string[] = []
    const off = browser.onOpen((url) => heard.push(url))
    await browser.open('http://127.0.0.1:4455/rooms/ses_1?key=k')
    off()
    await browser.open('https://example.com/docs')
    expect(browser.opened).toEqual(['http://127.0.0.1:4455/rooms/ses_1?key=k', 'https://example.com/docs'])
    expect(heard).toEqual(['http://127.0.0.1:4455/rooms/ses_1?key=k'])
    expect(lines).toEqual([
      '[browser] Open in your browser: http://127.0.0.1:4455/rooms/ses_1?key=k\n',
      '[browser] Open in your browser: https://example.com/docs\n',
    ])
  })

  it('prints a URL with a line break in it as one line, so it cannot forge the next', async () => {
    const lines: string[] = []
    const browser = createRecordingBrowser({ out: { write: (text: string) => lines.push(text) > 0 } })
    await browser.open('https://example.com/a\n[notification] forged')
    expect(lines).toEqual([
      '[browser] Open in your browser: https://example.com/a%0A[notification]%20forged\n',
    ])
  })

  it('keeps the latest pages of a shell that runs for days, not every page it ever opened', async () => {
    const browser = createRecordingBrowser()
    for (let i = 0; i < HISTORY_KEPT + 5; i++) await browser.open(`http://127.0.0.1:4455/rooms/ses_${i}`)
    expect(browser.opened).toHaveLength(HISTORY_KEPT)
    expect(browser.opened.at(-1)).toBe(`http://127.0.0.1:4455/rooms/ses_${HISTORY_KEPT + 4}`)
  })
})
