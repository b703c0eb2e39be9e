/**
 * The fakes' shared state. Kept on globalThis so that a test which re-imports modules
 * (vi.resetModules) and gets a second copy of these files still shares one state with the copy
 * behind the mocked `electron` module. Filled by index.ts; this file imports no fake at run time,
 * so the fakes can read it without an import cycle.
 */
import type { FakeState } from './index'

const STATE = Symbol.for('standby.test.fake-electron')
const globals = globalThis as typeof globalThis & { [STATE]?: FakeState }

/** The fakes' shared state, reset between tests by resetFakeElectron(). */
export const fake: FakeState = (globals[STATE] ??= {} as FakeState)
