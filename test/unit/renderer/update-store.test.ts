import { describe, expect, it } from 'vitest'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { UpdateState } from '../../../src/shared/update/update-state'
import { createUpdateStore } from '../../../src/renderer/store/update-store'
import { heldReads } from '../../support/held-reads'

const state = (phase: UpdateState['phase']) => ({ phase }) as unknown as UpdateState

/** An API whose reads the test answers one by one, in any order, and whose pushes it plays. */
function setup() {
  const updates = heldReads<UpdateState>()
  const api = { updates: { get: updates.read, onChanged: updates.onPush } } as unknown as StandbyApi
  return { store: createUpdateStore(api), answers: updates.answers, push: updates.push }
}

/** Lets the promises the store started settle. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('the update store', () => {
  it('keeps a push that came while a read was on its way', async () => {
    const { store, answers, push } = setup()
    push(state('ready'))
    answers[0]!(state('checking'))
    await flush()
    expect(store.getSnapshot()?.phase).toBe('ready')
  })

  it('shows the answer to the latest read, not an earlier read that answered last', async () => {
    const { store, answers } = setup()
    const later = store.refresh()
    answers[1]!(state('ready'))
    await later
    answers[0]!(state('checking'))
    await flush()
    expect(store.getSnapshot()?.phase).toBe('ready')
  })
})
