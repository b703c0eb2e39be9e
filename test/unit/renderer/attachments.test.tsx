import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Attachments } from '../../../src/renderer/components/Attachments'
import { linkHost } from '../../../src/renderer/logic/link-host'
import { ServicesContext, type Services } from '../../../src/renderer/store/context'
import { Attachment } from '../../../src/shared/protocol/entities'
import { stylesheetRule } from '../../support/stylesheet-rule'

/** The list as the window draws it, through the same schema the attachments arrive by. */
const drawn = (attachments: ReadonlyArray<Record<string, unknown>>) =>
  renderToStaticMarkup(
    <ServicesContext value={{ inBrowser: true } as Services}>
      <Attachments attachments={attachments.map((raw) => Attachment.parse(raw))} />
    </ServicesContext>,
  )

const file = (name: string, url: string) => ({ name, sizeBytes: 180_000, mimeType: 'application/pdf', url })

describe('an attachment shows where its link goes', () => {
  it('names the site beside the file, and the Open link says it', () => {
    const html = drawn([file('invoice-from-your-bank.pdf', 'https://files.evil.example/x/invoice.pdf')])
    expect(html).toContain('>\u2066files.evil.example\u2069<')
    expect(html).toContain('aria-label="Open invoice-from-your-bank.pdf on files.evil.example"')
  })

  it('shows the site the link really opens, not a user name dressed as one', () => {
    const html = drawn([file('statement.pdf', 'https://bank.example@evil.example/statement.pdf')])
    expect(html).toContain('>\u2066evil.example\u2069<')
    expect(html).not.toContain('bank.example')
  })

  it('shows a host in another script as the punycode the browser starts from', () => {
    expect(drawn([file('a.pdf', 'https://аpple.example/a.pdf')])).toContain(
      '>\u2066xn--pple-43d.example\u2069<',
    )
  })

  it('keeps the end of a host too long for its place, where the site it belongs to is named', () => {
    // "www.bank.example.login.secure.…" cut at its end would hide "evil.example", the site itself:
    // the host is cut at its start instead, written left to right within its place.
    const host = `www.bank.example.login.secure.${'a'.repeat(60)}.evil.example`
    const html = drawn([file('statement.pdf', `https://${host}/statement.pdf`)])
    // Isolated left to right by LRI … PDI, in no element of its own that could reach past the window.
    expect(html).toMatch(new RegExp(`class="attachment-host muted"[^>]*>\u2066${host}\u2069</span>`))
    const rule = stylesheetRule('invites.css', '.attachment-host')
    expect(rule).toMatch(/text-overflow:\s*ellipsis/)
    expect(rule).toMatch(/direction:\s*rtl/)
  })

  it('keeps a port that is not the scheme’s own', () => {
    expect(linkHost('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080')
    expect(linkHost('https://example.test:443/a')).toBe('example.test')
  })

  it('says so when an address does not parse, rather than guess', () => {
    expect(linkHost('not a url')).toBeNull()
  })
})

describe('an attachment whose stored link is not a web address', () => {
  /** The list as drawn from a cached row changed under the app: its link as stored, unparsed. */
  const drawnAsStored = (url: string) =>
    renderToStaticMarkup(
      <ServicesContext value={{ inBrowser: true } as Services}>
        <Attachments attachments={[file('invoice.pdf', url)]} />
      </ServicesContext>,
    )

  it('is never made a link, nor handed on to be opened', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'smb://files.evil.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ]) {
      const html = drawnAsStored(url)
      expect(html, url).not.toContain('<a')
      expect(html, url).not.toContain('href=')
      expect(html, url).toContain('invoice.pdf')
      expect(html, url).toContain('Cannot be opened')
    }
  })

  it('is opened without a user name or password, which make it read as another site', () => {
    const html = drawnAsStored('https://bank.example:secret@evil.example/invoice.pdf')
    expect(html).toContain('href="https://evil.example/invoice.pdf"')
    expect(html).not.toContain('bank.example')
  })
})

describe('an attachment’s kind label', () => {
  const kindIn = (html: string): string => /class="attachment-kind"[^>]*>([^<]*)</.exec(html)?.[1] ?? ''

  it('never holds half of a character cut from a name the client chose', () => {
    for (const name of ['photo.abc😀', 'photo.a👍🏽b', 'notes.e\u0301\u0301\u0301x', 'flag.ab🇫🇷']) {
      const kind = kindIn(drawn([file(name, 'https://files.example/x')]))
      expect(kind.isWellFormed(), name).toBe(true)
      expect(name.toUpperCase().includes(kind) || kind.length === 0, name).toBe(true)
    }
  })

  it('is the extension, short', () => {
    expect(kindIn(drawn([file('screenshot.png', 'https://files.example/x')]))).toBe('PNG')
    expect(kindIn(drawn([file('archive.tar.gzipped', 'https://files.example/x')]))).toBe('GZIP')
    expect(kindIn(drawn([file('README', 'https://files.example/x')]))).toBe('FILE')
  })
})

describe('a long attachment list', () => {
  const files = (count: number) =>
    Array.from({ length: count }, (_, i) => file(`file-${i}.pdf`, `https://files.example/${i}/file-${i}.pdf`))

  it('shows its first three and a button that names how many there are', () => {
    const html = drawn(files(20))
    expect(html.match(/<li class="attachment">/g)).toHaveLength(3)
    expect(html).toContain('file-2.pdf')
    const button = /<button[^>]*>Show all 20 attachments<\/button>/.exec(html)?.[0] ?? ''
    expect(button).toContain('aria-expanded="false"')
    const list = /<ul id="([^"]+)"/.exec(html)?.[1]
    expect(button).toContain(`aria-controls="${list}"`)
  })

  it('shows a list only one longer than that whole: a button would take the row it saves', () => {
    const html = drawn(files(4))
    expect(html.match(/<li class="attachment">/g)).toHaveLength(4)
    expect(html).not.toContain('Show all')
  })

  it('leaves out of the first frame the rows not shown, and writes each shown link once', () => {
    // The frame is inert until the page has it, so the names hidden until found (for find in page)
    // are written in as the page comes alive (heavy-invites.e2e.ts finds them).
    const html = drawn(files(20))
    expect(html).not.toContain('file-3.pdf')
    expect(html.split('https://files.example/0/file-0.pdf')).toHaveLength(2)
    expect(html).toContain('<div hidden="" class="attachments-rest"></div>')
  })
})
