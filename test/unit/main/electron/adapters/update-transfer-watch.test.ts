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

/** A request as Node's and Electron's behave when aborted before their answer: 'abort' and 'close', no 'error'. */
class AbortedQuietly extends EventEmitter {
  abort(): void {
    this.emit('abort')
    this.emit('close')
  }
}

it('fails a request cut before its answer came, so the updater waiting on it gives up instead of waiting for ever', () => {
  const requests: AbortedQuietly[] = []
  const httpExecutor = {
    createRequest: (): AbortedQuietly => {
      const request = new AbortedQuietly()
      requests.push(request)
      return request
    },
  }
  const watch = watchTransfers({ httpExecutor } as unknown as AppUpdater, recordingLog())
  // electron-updater's differential download waits on a range request with no cancellation of its
  // own: only the request's 'error' (or its answer) ends that wait, and with it the download.
  const request = httpExecutor.createRequest() as unknown as AbortedQuietly
  const failures: Error[] = []
  request.on('error', (error: Error) => failures.push(error))
  watch.cut()
  expect(failures.map((error) => error.message)).toEqual(['The download was cancelled'])
  expect(requests).toHaveLength(1)
})
