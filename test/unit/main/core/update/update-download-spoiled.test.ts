/**
 * An install refused because the ready download changed (cut short, written over, gone) would be
 * refused at every restart and quit: the update goes back to checking and downloading, says so,
 * and is offered again only once downloaded and verified anew.
 */
import { expect, it } from 'vitest'
import { DownloadSpoiled } from '../../../../../src/main/core/ports/updater'
import type { UpdateState } from '../../../../../src/shared/update/update-state'
import { policyOverStub } from '../../../../support/update-world'

const SPOILED = 'The downloaded installer (Standby-Setup-1.5.0.exe) no longer matches the sha512'

/** A policy with 1.5.0 ready; every phase it passes through is recorded. */
async function readyWorld() {
  const { policy, updater, notifier } = policyOverStub({ kind: 'available', version: '1.5.0' })
  const phases: UpdateState['phase'][] = []
  policy.changes.add((state) => {
    if (state.phase !== phases.at(-1)) phases.push(state.phase)
  })
  const readyAgain = () =>
    new Promise<void>((resolve) => {
      const off = policy.changes.add((state) => {
        if (state.phase !== 'ready') return
        off()
        resolve()
      })
    })
  const first = readyAgain()
  policy.connected()
  await first
  phases.splice(0, phases.length - 1)
  return { policy, updater, notifier, phases, readyAgain }
}

it('downloads again, saying so, when "Restart to update" is refused for a changed download', async () => {
  const world = await readyWorld()
  world.updater.installNow.mockImplementationOnce(() => {
    throw new DownloadSpoiled(SPOILED)
  })
  const again = world.readyAgain()
  const outcome = world.policy.restart()
  expect(outcome).toEqual({
    ok: false,
    message: `Could not restart to install the update: ${SPOILED}. Standby is downloading it again and offers the restart once it is verified, or download the latest version from https://downloads.standby.test/.`,
  })
  // Not offered while it would be refused again, nor installed on quit.
  expect(world.policy.state).toMatchObject({ phase: 'checking', canRestart: false })
  expect(world.updater.setInstallOnQuit).toHaveBeenLastCalledWith(false)
  await again
  expect(world.phases).toEqual(['ready', 'checking', 'downloading', 'ready'])
  expect(world.updater.download).toHaveBeenCalledTimes(2)
  expect(world.updater.setInstallOnQuit).toHaveBeenLastCalledWith(true)
  expect(world.policy.restart()).toEqual({ ok: true })
})

it('downloads again when a restart is refused later for a changed download (Windows elevation)', async () => {
  const world = await readyWorld()
  expect(world.policy.restart()).toEqual({ ok: true })
  const [failedLater] = world.updater.installNow.mock.calls[0] ?? []
  const again = world.readyAgain()
  failedLater?.(new DownloadSpoiled(SPOILED))
  expect(world.notifier.shown.at(-1)).toMatchObject({
    title: 'Update not installed',
    body: expect.stringContaining('Standby is downloading it again') as unknown,
  })
  await again
  expect(world.phases).toEqual(['ready', 'checking', 'downloading', 'ready'])
  expect(world.updater.download).toHaveBeenCalledTimes(2)
})

it('keeps the update ready when the restart failed for another reason (the download still installs on quit)', async () => {
  const world = await readyWorld()
  world.updater.installNow.mockImplementationOnce(() => {
    throw new Error('Windows did not start the installer')
  })
  expect(world.policy.restart()).toMatchObject({ ok: false })
  expect(world.policy.state.phase).toBe('ready')
  expect(world.updater.download).toHaveBeenCalledTimes(1)
})

it('stops downloading, and says to download by hand, when the new download is refused too', async () => {
  const world = await readyWorld()
  // A disk or a server that spoils the installer every time: each install of it is refused.
  world.updater.installNow.mockImplementation(() => {
    throw new DownloadSpoiled(SPOILED)
  })
  const checked = (phase: UpdateState['phase']) =>
    new Promise<void>((resolve) => {
      const off = world.policy.changes.add((state) => {
        if (state.phase !== phase || state.nextCheckAt === null) return
        off()
        resolve()
      })
    })
  const downloadedAgain = checked('ready')
  expect(world.policy.restart()).toMatchObject({ ok: false })
  await downloadedAgain
  expect(world.policy.restart()).toEqual({
    ok: false,
    message: `Could not restart to install the update: ${SPOILED}. It changed again after a new download, so Standby stops downloading it: download the latest version from https://downloads.standby.test/.`,
  })
  expect(world.policy.state).toMatchObject({
    phase: 'error',
    canRestart: false,
    availableVersion: null,
    error:
      'Standby 1.5.0 changed on this computer after each of two downloads, so it is not downloaded again: download the latest version from https://downloads.standby.test/.',
  })
  expect(world.updater.setInstallOnQuit).toHaveBeenLastCalledWith(false)
  // The next check finds the same version and leaves it: no third download, the advice stays.
  const checkedAgain = checked('error')
  world.policy.checkNow()
  await checkedAgain
  expect(world.updater.check).toHaveBeenCalledTimes(3)
  expect(world.updater.download).toHaveBeenCalledTimes(2)
  expect(world.policy.state.error).toContain('not downloaded again')
})
