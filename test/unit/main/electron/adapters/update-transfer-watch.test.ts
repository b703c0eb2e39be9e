import { EventEmitter } from 'node:events'
import { expect, it } from 'vitest'
import type { AppUpdater } from 'electron-updater'
import { watchTransfers } from '../../../../../src/main/electron/adapters/update-transfer-watch'
import { recordingLog } from '../../../../support/recording-log'

it('logs a sign-of-life listener that throws instead of letting it escape the download', () => {
  const response = new EventEmitter()
  const handed: EventEmitter[] = []
  const httpExecutor = {
    createRequest: (_options: unknown, callback: (response: EventEmitter) => void) => callback(response),
  }
  const log = recordingLog()
  const watch = watchTransfers({ httpExecutor } as unknown as AppUpdater, log)
  watch.listen(() => {
    throw new Error('window gone')
  })
  httpExecutor.createRequest({}, (r) => handed.push(r))
  // Emitted as the response would: a throw here would reach no one but the process.
  expect(() => response.emit('data', Buffer.alloc(1024))).not.toThrow()
  expect(handed).toEqual([response])
  expect(log.text()).toContain('the download goes on')
})
