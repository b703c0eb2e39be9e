// Every test file gets the typed fake instead of the real `electron` package: importing the real
// one tries to download its binary, and a file that does so by accident must not silently run
// no tests. Files that drive the fake import it from test/support/fake-electron/. CommonJS
// packages that require('electron') themselves (electron-updater) get the same fake.
import { vi } from 'vitest'
import { fakeElectronForRequire } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)
fakeElectronForRequire()
