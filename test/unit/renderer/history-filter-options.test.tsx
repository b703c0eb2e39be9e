// The client picker's choices are a client's words in a control that holds no element (no <bdi>):
// each is isolated with the first-strong and pop-directional isolates instead.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ClientOptions } from '../../../src/renderer/components/HistoryFilters'

const optionTexts = (html: string): string[] =>
  [...html.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((match) => match[1]!)

describe('the History client filter’s choices', () => {
  it('isolate each name, right-to-left or not, so digits and punctuation stay with it', () => {
    const html = renderToStaticMarkup(
      <select>
        <ClientOptions
          clients={[
            { id: 'cli_rtl', name: 'דוד כהן 2' },
            { id: 'cli_ltr', name: 'Sam Okafor' },
          ]}
        />
      </select>,
    )
    expect(optionTexts(html)).toEqual(['\u2068דוד כהן 2\u2069', '\u2068Sam Okafor\u2069'])
    expect(html).toContain('value="cli_rtl"')
  })
})
