// The notifier's health line: each change told once, with its advice logged; the same status
// with other advice is a change (toasts that stopped after one failed need other words).
import { expect, it, vi } from 'vitest'
import { HealthLine } from '../../../../../src/main/electron/adapters/notifier-health'
import { recordingLog } from '../../../../support/recording-log'

it('tells each change once and logs what to do', () => {
  const log = recordingLog()
  const line = new HealthLine({ status: 'ok' }, log)
  const heard = vi.fn()
  line.onChange(heard)
  line.set({ status: 'ok' })
  line.set({ status: 'failing', advice: 'Allow notifications' })
  line.set({ status: 'failing', advice: 'Allow notifications' })
  line.set({ status: 'failing', advice: 'Start Standby again' })
  line.set({ status: 'ok' })
  expect(heard.mock.calls.map(([health]) => health as unknown)).toEqual([
    { status: 'failing', advice: 'Allow notifications' },
    { status: 'failing', advice: 'Start Standby again' },
    { status: 'ok' },
  ])
  expect(line.now).toEqual({ status: 'ok' })
  expect(log.lines).toEqual(['warn Allow notifications', 'warn Start Standby again'])
})
