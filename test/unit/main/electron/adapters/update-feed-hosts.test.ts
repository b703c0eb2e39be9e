/**
 * Where a feed's files may be, by electron-updater's own GitHub providers: a public repository's
 * assets are under github.com (its redirects to GitHub's storage host are followed, not checked
 * here), a private one's under GitHub's API host, which is also where that provider reads the feed.
 */
import { createRequire } from 'node:module'
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import { describe, expect, it } from 'vitest'
import { foreignFileFault } from '../../../../../src/main/electron/adapters/update-feed-guards'

const require = createRequire(import.meta.url)
type ProviderClass = new (...args: unknown[]) => object
const { GitHubProvider } = require('electron-updater/out/providers/GitHubProvider') as {
  GitHubProvider: ProviderClass
}
const { PrivateGitHubProvider } = require('electron-updater/out/providers/PrivateGitHubProvider') as {
  PrivateGitHubProvider: ProviderClass
}

const options = { provider: 'github', owner: 'standby', repo: 'desktop' }
const runtime = { executor: null, isUseMultipleRangeRequest: false, platform: 'win32' }
const updaterWith = (provider: object) => ({ updateInfoAndProvider: { provider } }) as unknown as AppUpdater

/** Release information naming `url`, with the asset a private repository's release lists. */
const info = (url: string, asset: string): UpdateInfo =>
  ({
    version: '1.3.0',
    tag: 'v1.3.0',
    files: [{ url, sha512: 'x', size: 1 }],
    assets: [{ name: 'Standby-Setup-1.3.0.exe', url: asset }],
  }) as unknown as UpdateInfo

describe("a GitHub release's files", () => {
  it('of a public repository, under github.com, are its own', () => {
    const provider = new GitHubProvider(options, {}, runtime)
    expect(foreignFileFault(updaterWith(provider), info('Standby-Setup-1.3.0.exe', ''))).toBeNull()
  })

  it("of a private repository, under GitHub's API host, are its own", () => {
    const provider = new PrivateGitHubProvider(options, {}, 'token', runtime)
    const asset = 'https://api.github.com/repos/standby/desktop/releases/assets/7'
    expect(foreignFileFault(updaterWith(provider), info('Standby-Setup-1.3.0.exe', asset))).toBeNull()
  })
})
