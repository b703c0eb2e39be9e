/**
 * Child process for host-zone.test.ts, run where /etc is a folder of its own: reads the hour of
 * the epoch, moves /etc/localtime from the zone it started in to Tokyo, optionally (`follow`)
 * reads the zone again, and says the hour before and after as one JSON line.
 */
import { rmSync, symlinkSync } from 'node:fs'
import { followHostZone } from '../../../../src/main/node/host-zone'
import { sayLine } from '../../../support/child-lines'

const hour = (): string => String(new Date(0).getHours())
const before = hour()
rmSync('/etc/localtime')
symlinkSync('/usr/share/zoneinfo/Asia/Tokyo', '/etc/localtime')
if (process.argv[2] === 'follow') followHostZone()
sayLine(JSON.stringify({ before, after: hour() }))
