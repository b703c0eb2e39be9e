/**
 * What a browser tab shows when it was opened without this run's key (typed by hand, a bookmark,
 * a link copied without its query): the shell refuses such a page, so it does not try; it says
 * what happened and how to open Standby properly.
 */

/** The page in place of the app when the browser shell's key is missing. */
export function MissingShellKey() {
  return (
    <main className="shell-key-missing">
      <section className="banner banner-incompatible" aria-label="Connection">
        <span className="banner-dot" aria-hidden="true" />
        <div className="banner-text">
          <h1 className="banner-title" role="alert">
            This page was opened without Standby&rsquo;s key, so it cannot reach the app
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
