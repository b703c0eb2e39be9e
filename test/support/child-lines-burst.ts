/**
 * Child process for child-lines.test.ts: says as many lines as it is told, as fast as it can. It
 * imports `node:process` as the app's dependencies do, which opens stdout as a stream.
 */
import { argv } from 'node:process'
import { sayLine } from './child-lines'

const count = Number(argv[2])
for (let i = 1; i <= count; i++) sayLine(`line ${i}`)
