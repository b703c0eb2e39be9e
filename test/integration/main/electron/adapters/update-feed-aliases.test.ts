/**
 * Release information that repeats parts of itself through YAML aliases (a "billion laughs"): a
 * feed of a few hundred bytes that electron-updater would turn into text of gigabytes as it reads
 * the staging percentage or logs the file addresses, holding the main process for as long. Such a
 * feed is refused before electron-updater acts on it, as is one whose aliases repeat a long value
 * past the size a feed is read to; a few aliases to single values and markdown stars in release
 * notes are read as ever.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

/** Anchors of lists, each ten aliases of the one before: `levels` of them name 10^(levels+1) strings. */
function bomb(levels: number): string[] {
  const lines = [`b0: &b0 [${Array(10).fill('"lol"').join(', ')}]`]
  for (let level = 1; level <= levels; level++) {
    lines.push(
      `b${level}: &b${level} [${Array(10)
        .fill(`*b${level - 1}`)
        .join(', ')}]`,
    )
  }
  return lines
}

describe('release information with YAML aliases', () => {
  it.each([
    ['its staging percentage', (top: string, feed: string) => `${feed}\nstagingPercentage: *${top}`],
    ['a file’s address', (top: string, feed: string) => feed.replace(/ {2}- url: .*/, `  - url: *${top}`)],
  ])('is refused when %s expands through them, before electron-updater reads it', async (_where, put) => {
    const next = release('1.3.0')
    const lines = bomb(5)
    const feed = put('b5', `${lines.join('\n')}\n${next.files['latest-linux.yml']}`)
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater, log } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      "The update server's release information repeats parts of itself through YAML aliases, which release information never does, so nothing in it was used: whoever publishes Standby has to publish this release again",
    )
    // electron-updater never acted on it: it logs the percentage and the addresses it reads.
    expect(log.text()).not.toMatch(/Staging percentage|Found version/)
  })

  it('is refused when an alias repeats one long value past the size a feed is read to', async () => {
    const next = release('1.3.0')
    // electron-updater writes the value out once per alias as it logs the file addresses: with more
    // aliases, a feed of this size makes text of hundreds of megabytes, each time it is checked.
    const feed = next.files['latest-linux.yml'].replace(
      /^files:\n/m,
      `address: &address ${'a'.repeat(60_000)}\nfiles:\n${'  - url: *address\n'.repeat(20)}`,
    )
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater, log } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      "The update server's release information repeats parts of itself through YAML aliases",
    )
    expect(log.text()).not.toMatch(/Found version/)
  })

  it('reads a feed whose aliases name single values, and release notes with markdown stars', async () => {
    const next = release('1.3.0')
    const feed = next.files['latest-linux.yml']
      .replace(/^version: (.*)$/m, 'version: &v $1\nreleaseName: *v')
      .concat('\nreleaseNotes: |\n  * Faster invites\n  * **Fixed** reminders\n')
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
  })
})
