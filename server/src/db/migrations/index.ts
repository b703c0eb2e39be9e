/** Every platform migration, in order. Add a new file and append it here; never edit a shipped one. */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'
import { m0001Initial } from './0001-initial'
import { m0002CommandPayloadDigest } from './0002-command-payload-digest'
import { m0003StreamIdentity } from './0003-stream-identity'
import { m0004AvailabilityCause } from './0004-availability-cause'
import { m0005SessionRoomKeys } from './0005-session-room-keys'
import { m0006DeclineReason } from './0006-decline-reason'
import { m0007Money } from './0007-money'
import { m0008ReviewsAndChargebacks } from './0008-reviews-and-chargebacks'
import { m0009SessionReschedule } from './0009-session-reschedule'
import { m0010SessionPrivateNotes } from './0010-session-private-notes'
import { m0011ClosingNote } from './0011-closing-note'
import { m0012ExpertLookups } from './0012-expert-lookups'
import { m0013TokenLastUse } from './0013-token-last-use'
import { m0014PlatformOutages } from './0014-platform-outages'
import { m0015OneExpertLookup } from './0015-one-expert-lookup'
import { m0016ResponseTotals } from './0016-response-totals'

/** All migrations, oldest first. */
export const platformMigrations: ReadonlyArray<Migration<Database.Database>> = [
  m0001Initial,
  m0002CommandPayloadDigest,
  m0003StreamIdentity,
  m0004AvailabilityCause,
  m0005SessionRoomKeys,
  m0006DeclineReason,
  m0007Money,
  m0008ReviewsAndChargebacks,
  m0009SessionReschedule,
  m0010SessionPrivateNotes,
  m0011ClosingNote,
  m0012ExpertLookups,
  m0013TokenLastUse,
  m0014PlatformOutages,
  m0015OneExpertLookup,
  m0016ResponseTotals,
]
