/**
 * Which web pages a page of the app may hand to the system browser without asking. A page shows
 * what the platform relays from clients (an attachment's link, a request's text), and a client
 * can point such a link anywhere: a look-alike of the platform's sign-in, a download that runs.
 * So only pages of the platform signed in to, and of where Standby is downloaded, open at once;
 * any other address opens only once the expert, shown where it leads, says so. One question at a
 * time: a page asking in a loop cannot stack them.
 */
import { describeAddress } from '../../../shared/describe-untrusted'
import type { Logger } from '../ports/logger'

/** What the expert is asked before a link to another site opens. */
export interface LinkQuestion {
  /** The question itself. */
  readonly message: string
  /** Where the link leads, and why it is asked. */
  readonly detail: string
}

/** What opening links for pages needs. */
export interface PageLinkDeps {
  /** Hands a URL to the system browser. */
  readonly open: (url: string) => Promise<void>
  /** Asks the expert; true to open. */
  readonly ask: (question: LinkQuestion) => Promise<boolean>
  /** The platform signed in to (null signed out): its pages open without asking. */
  readonly platformUrl: () => string | null
  /** Other addresses whose origins open without asking: where Standby is downloaded. */
  readonly alsoTrusted: ReadonlyArray<string>
  readonly log: Logger
}

/** The origin of `address`, or null when it has none a browser would show. */
function originOf(address: string | null): string | null {
  const origin = address === null ? null : URL.parse(address)?.origin
  return origin === undefined || origin === null || origin === 'null' ? null : origin
}

/** The question for a link to `url`, naming where it leads as the browser will (an IDN as punycode). */
export function linkQuestion(url: string, platformUrl: string | null): LinkQuestion {
  const site = originOf(url) ?? url
  const platform = originOf(platformUrl)
  const against = platform === null ? 'the platform' : `the platform you signed in to (${platform})`
  return {
    message: 'Open a link to another site?',
    detail: `It leads to ${describeAddress(site)}, which is not ${against}. Open it only if you expected it: a link a client sends can lead anywhere.`,
  }
}

/**
 * Opens a page's link: at once on a trusted origin, otherwise after the expert says yes. A link
 * declined opens nothing and is no error; one asked while another question is open is refused.
 */
export function pageLinkOpener(deps: PageLinkDeps): (url: string) => Promise<void> {
  let asking = false
  return async (url) => {
    const platformUrl = deps.platformUrl()
    const origin = originOf(url)
    const trusted = [platformUrl, ...deps.alsoTrusted].map(originOf)
    if (origin !== null && trusted.includes(origin)) return deps.open(url)
    if (asking) {
      throw new Error('Standby is still asking about another link: answer that question first.')
    }
    asking = true
    let yes: boolean
    try {
      yes = await deps.ask(linkQuestion(url, platformUrl))
    } finally {
      asking = false
    }
    if (!yes) {
      deps.log.info(`The expert chose not to open ${describeAddress(origin ?? url)}`)
      return
    }
    return deps.open(url)
  }
}
