/**
 * Settings → Updates over the browser shell's fake updater, driven through the shell's test hook
 * as a release server would be: the version and channel, the last check, a background download's
 * progress, "Restart to update" in the window once it is ready, a failed check with the manual
 * download link, and switching to the beta channel.
 */
import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { UPDATER_HOOK_PATH } from '../../src/browser-shell/test-hooks'
import type { FakeUpdaterControl } from '../../src/main/node/adapters/fake-updater'
import type { TestShell } from './support/harness'
import { useE2e } from './support/fixture'
import { watchAnswers } from './support/ipc-route'
import { checkScreen } from './support/screens'
import { pressesReachOnlyTheHost } from './support/shell-hooks'

const world = useE2e()

/** Play the update server through the shell's test hook. */
async function updateServer(shell: TestShell, control: FakeUpdaterControl): Promise<void> {
  const response = await fetch(`${shell.shell.origin}${UPDATER_HOOK_PATH}`, {
    method: 'POST',
    headers: { 'x-standby-secret': shell.shell.secret, 'content-type': 'application/json' },
    body: JSON.stringify(control),
  })
  expect(response.status).toBe(204)
}

/** The Updates group of Settings. */
async function openUpdates(app: Page) {
  await app.getByRole('button', { name: 'Settings' }).click()
  const updates = app.getByRole('region', { name: 'Updates' })
  await updates.waitFor()
  return updates
}

it('shows the version, downloads a new one with progress, and restarts to update from the window', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const restarts = watchAnswers('updates.restart')
  const app = await open(adaShell, { beforeLoad: restarts.beforeLoad })
  const updates = await openUpdates(app)
  await updates.getByText('0.1.0', { exact: true }).waitFor()
  // The first check runs once the connection is up.
  await updates.getByText('Standby is up to date.').waitFor()
  await expect(updates.getByText('Not yet').count()).resolves.toBe(0)
  expect(await updates.getByRole('radio', { name: /Stable/ }).isChecked()).toBe(true)

  await updateServer(adaShell, { action: 'publish', version: '0.2.0' })
  await updateServer(adaShell, { action: 'hold-downloads', on: true })
  await updates.getByRole('button', { name: 'Check for updates' }).click()
  const progress = updates.getByRole('progressbar', { name: 'Downloading Standby 0.2.0' })
  await progress.waitFor()
  await updateServer(adaShell, { action: 'progress', percent: 40 })
  await updates.getByText('Downloading Standby 0.2.0… 40 %').waitFor()
  expect(await progress.getAttribute('value')).toBe('40')
  await checkScreen(app, 'settings-updates-downloading')

  await updateServer(adaShell, { action: 'finish-download' })
  const banner = app.getByRole('region', { name: 'Update', exact: true })
  await banner.getByText('Standby 0.2.0 is ready.').waitFor()
  await updates.getByText(/Standby 0.2.0 is ready: restart to update/).waitFor()
  expect(adaShell.shell.adapters.updater.installOnQuit).toBe(true)
  await checkScreen(app, 'settings-update-ready')
  const restarted = restarts.next()
  await banner.getByRole('button', { name: 'Restart to update' }).click()
  // The host answers once it has asked the updater to install.
  expect(await restarted).toEqual({ ok: true, value: { ok: true } })
  expect(adaShell.shell.adapters.updater.installs).toEqual(['0.2.0'])
})

it('reports a failed check with the manual download link, and switches to the beta channel', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const app = await open(adaShell)
  const updates = await openUpdates(app)
  await updates.getByText('Standby is up to date.').waitFor()

  await updateServer(adaShell, { action: 'unreachable', on: true })
  await updates.getByRole('button', { name: 'Check for updates' }).click()
  const error = updates.getByRole('alert')
  await error.getByText(/^The update could not be checked: Cannot reach the update server/).waitFor()
  expect(await error.getByRole('link', { name: 'Download Standby' }).getAttribute('href')).toBe(
    'https://downloads.standby.example/standby/',
  )
  await checkScreen(app, 'settings-update-error')
  // A press of the link that the host refuses (ten opens in a burst at a page's request) is told
  // beside the error; the tab a plain browser would open beside it is not what this test watches.
  await pressesReachOnlyTheHost(app, 'a[href^="https://downloads."]')
  const download = error.getByRole('link', { name: 'Download Standby' })
  for (let press = 1; press <= 11; press++) await download.click()
  await updates
    .getByText(/^Could not open the download page: .*Wait a few seconds, then try again\.$/)
    .waitFor()

  await updateServer(adaShell, { action: 'unreachable', on: false })
  await updateServer(adaShell, { action: 'publish', version: '0.2.0-beta.1', channel: 'beta' })
  await updates.getByRole('radio', { name: /Beta/ }).check()
  await app
    .getByRole('region', { name: 'Update', exact: true })
    .getByText('Standby 0.2.0-beta.1 is ready.')
    .waitFor()
  expect(adaShell.shell.adapters.settings.get().updateChannel).toBe('beta')
  expect(adaShell.shell.adapters.updater.checks.at(-1)).toBe('beta')
})
