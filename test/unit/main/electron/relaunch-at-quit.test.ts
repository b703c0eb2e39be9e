/**
 * One quit starts at most one Standby again: an unexpected error's relaunch and a link clicked as
 * Standby quit share it, a failed start's exit starts nothing for a link, and a relaunch Electron
 * could not start is said in the log.
 */
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installLastResort } from '../../../../src/main/electron/last-resort'
import { systemLinks } from '../../../../src/main/electron/link-after-quit'
import { createRelaunchAtQuit } from '../../../../src/main/electron/relaunch-at-quit'
import { RELAUNCHED_AFTER_ERROR_FLAG } from '../../../../src/main/core/startup/last-resort'
import { LINK_CLICKED_AT_SWITCH } from '../../../../src/main/core/deep-links/deep-link-argv'
import type { DeepLink } from '../../../../src/shared/deep-link'
import { fake, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)
const tempDir = useTempDirs()

const LINK = 'standby://invite/inv_1'
/** The wall clock as the relaunch reads it. */
const NOW = 1_700_000_000_000

/** A run as the composition root wires it: the last resort and second launches' links share one relaunch. */
function standby(
  updater: () => { autoInstallOnAppQuit: boolean } | undefined = () => undefined,
  waiting: DeepLink | undefined = undefined,
  waitedMs = 0,
) {
  const process = Object.assign(new EventEmitter(), {
    argv: ['/opt/Standby/standby', '--hidden'],
    execPath: '/opt/Standby/standby',
    env: {},
    platform: 'linux' as const,
  })
  const log = recordingLog()
  const state = { quitting: false }
  fake.app.on('before-quit', () => (state.quitting = true))
  const relaunch = createRelaunchAtQuit({
    log,
    updater,
    process,
    links: { waiting: () => waiting && { link: waiting, waitedMs } },
    now: () => NOW,
  })
  installLastResort({
    userData: tempDir(),
    log,
    clock: { now: () => 1_000 },
    quitting: () => state.quitting,
    relaunch,
    process,
  })
  const linkIn = systemLinks({
    log,
    isQuitting: () => state.quitting,
    inbox: { receive: vi.fn() },
    relaunch,
  }).secondLaunch
  return { process, log, linkIn, state }
}

describe('the one relaunch of a quit', () => {
  it('starts one Standby for an error’s relaunch and a link in the same quit, flagged and opening the link', () => {
    const { process, linkIn } = standby()
    fake.app.once('will-quit', () => linkIn(['/opt/Standby/standby', LINK]))
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch.mock.calls).toEqual([
      [{ args: ['--hidden', RELAUNCHED_AFTER_ERROR_FLAG, LINK] }],
    ])
  })

  it('opens the link still waiting to open after an error, but the one clicked as it quit before it', () => {
    const waiting: DeepLink = { kind: 'session', id: 'ses_waiting' }
    const { process } = standby(undefined, waiting)
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch.mock.calls).toEqual([
      [
        {
          args: [
            '--hidden',
            RELAUNCHED_AFTER_ERROR_FLAG,
            `${LINK_CLICKED_AT_SWITCH}=${NOW}`,
            'standby://session/ses_waiting',
          ],
        },
      ],
    ])
    resetFakeElectron()
    const later = standby(undefined, waiting)
    fake.app.once('will-quit', () => later.linkIn(['/opt/Standby/standby', LINK]))
    later.process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch.mock.calls).toEqual([
      [{ args: ['--hidden', RELAUNCHED_AFTER_ERROR_FLAG, LINK] }],
    ])
  })

  it('carries a waiting link with when it was clicked, so the new run ages it from then', () => {
    const waiting: DeepLink = { kind: 'invite', id: 'inv_waiting' }
    const { process } = standby(undefined, waiting, 7 * 60_000)
    // The run it replaces was itself relaunched with a link, and its click time: neither is carried.
    process.argv.push(`${LINK_CLICKED_AT_SWITCH}=1`, 'standby://invite/inv_old')
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch.mock.calls).toEqual([
      [
        {
          args: [
            '--hidden',
            RELAUNCHED_AFTER_ERROR_FLAG,
            `${LINK_CLICKED_AT_SWITCH}=${NOW - 7 * 60_000}`,
            'standby://invite/inv_waiting',
          ],
        },
      ],
    ])
  })

  it('starts nothing for a link that came as a failed start exited: it would fail the same way', () => {
    const { log, linkIn, state } = standby()
    // The failed start closed what it opened (a quit is under way), showed its box, then exits.
    state.quitting = true
    linkIn(['/opt/Standby/standby', LINK])
    fake.app.exit(1)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(log.text()).toMatch(/could not start; it does not start again on it/)
  })

  it('says in the log when Electron could not start the relaunch, for an error and for a link', () => {
    fake.app.relaunchHelperStarts = false
    const first = standby()
    first.process.emit('uncaughtException', new Error('boom'))
    expect(first.log.text()).toMatch(
      /Standby could not start again after an unexpected error: Electron could not start the process that relaunches it/,
    )
    resetFakeElectron()
    fake.app.relaunchHelperStarts = false
    const second = standby()
    fake.app.once('will-quit', () => second.linkIn(['/x', LINK]))
    fake.app.quit()
    expect(second.log.text()).toMatch(
      /could not start again on a link that came as it quit: .*click the link again/,
    )
    expect(second.log.text()).not.toMatch(/Standby starts again on it/)
  })

  it('leaves an update waiting to install at this quit when Electron could not start the relaunch', () => {
    fake.app.relaunchHelperStarts = false
    const updater = { autoInstallOnAppQuit: true }
    const { process } = standby(() => updater)
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
    expect(updater.autoInstallOnAppQuit).toBe(true)
  })
})
