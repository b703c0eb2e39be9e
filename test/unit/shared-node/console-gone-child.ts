/**
 * Child process for console-gone.test.ts: prints one line, waits for the parent to say on stdin
 * that it closed its end of stdout, then logs more lines through the console as the app does.
 * With `drop` as its argument it first installs dropConsoleWriteErrors, telling stderr.
 */
import { once } from 'node:events'
import { dropConsoleWriteErrors } from '../../../src/shared-node/console-gone'

if (process.argv[2] === 'drop') {
  dropConsoleWriteErrors({ stdout: process.stdout }, (line) => console.error(`told: ${line}`))
}
// On the console, not a pipe of its own: what happens to the console's writes is what is tested.
console.log('ready')
await once(process.stdin, 'data')
for (let n = 0; n < 20; n++) {
  console.log(`line ${n}`)
  // A turn of the event loop between lines, as between the app's log lines, for the error to come.
  await new Promise((resolve) => setImmediate(resolve))
}
console.error('survived')
process.exit(0)
