/**
 * What a browser tab shows when it was opened without this run's key (typed by hand, a bookmark,
 * a link copied without its query), or holds an earlier run's (Standby was restarted since): the
 * shell refuses such a page, so it does not try again; it says what happened and how to open
 * Standby properly.
 */

/** What is wrong with the page's key. */
export type ShellKeyFault = 'missing' | 'refused'

const TITLES: Readonly<Record<ShellKeyFault, string>> = {
  missing: 'This page was opened without Standby’s key, so it cannot reach the app',
  refused: 'This page holds the key of an earlier run of Standby, so it cannot reach the app',
}

/** The page in place of the app when the browser shell's key is missing or refused. */
export function MissingShellKey({ why }: { readonly why: ShellKeyFault }) {
  return (
    <main className="shell-key-missing">
      <section className="banner banner-incompatible" aria-label="Connection">
        <span className="banner-dot" aria-hidden="true" />
        <div className="banner-text">
          <h1 className="banner-title" role="alert">
            {TITLES[why]}
          </h1>
          <p className="banner-detail">
            Open Standby from the link it printed when it started (the address with ?secret= in it), or from
            the app itself. This tab does not keep trying; once opened that way, it connects.
          </p>
        </div>
      </section>
    </main>
  )
}
