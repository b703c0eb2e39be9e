/** Every cache migration, in order. Add a new file and append it here; never edit a shipped one. */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { m0001Initial } from './0001-initial'
import { m0002ReminderAndNotificationState } from './0002-reminder-and-notification-state'
import { m0003StreamDigest } from './0003-stream-digest'
import { m0004ShownInvites } from './0004-shown-invites'
import { m0005DropRequestChildren } from './0005-drop-request-children'
import { m0006RemindersByBookedTime } from './0006-reminders-by-booked-time'
import { m0007SessionRooms } from './0007-session-rooms'
import { m0008SessionMoney } from './0008-session-money'
import { m0009StandingWarnings } from './0009-standing-warnings'
import { m0010SessionChangesAhead } from './0010-session-changes-ahead'
import { m0011HistoryFilters } from './0011-history-filters'
import { m0012MessageState } from './0012-message-state'
import { m0013InviteClosesAt } from './0013-invite-closes-at'
import { m0014ClockOffset } from './0014-clock-offset'
import { m0015CachePlatform } from './0015-cache-platform'
import { m0016SearchFolding } from './0016-search-folding'
import { m0017RetryKeys } from './0017-retry-keys'
import { m0018PartsThrough } from './0018-parts-through'
import { m0019ShownInvitesByRequest } from './0019-shown-invites-by-request'
import { m0020RemindersFollowRequest } from './0020-reminders-follow-request'
import { m0021TextCleanedAgain } from './0021-text-cleaned-again'
import { m0022ClosingNoteNone } from './0022-closing-note-none'
import { m0023SnoozesAwaitingTime } from './0023-snoozes-awaiting-time'
import { m0024SnapshotLeftOut } from './0024-snapshot-left-out'
import { m0025ClockPace } from './0025-clock-pace'

/** All cache migrations, oldest first. */
export const cacheMigrations: ReadonlyArray<Migration<Database.Database>> = [
  m0001Initial,
  m0002ReminderAndNotificationState,
  m0003StreamDigest,
  m0004ShownInvites,
  m0005DropRequestChildren,
  m0006RemindersByBookedTime,
  m0007SessionRooms,
  m0008SessionMoney,
  m0009StandingWarnings,
  m0010SessionChangesAhead,
  m0011HistoryFilters,
  m0012MessageState,
  m0013InviteClosesAt,
  m0014ClockOffset,
  m0015CachePlatform,
  m0016SearchFolding,
  m0017RetryKeys,
  m0018PartsThrough,
  m0019ShownInvitesByRequest,
  m0020RemindersFollowRequest,
  m0021TextCleanedAgain,
  m0022ClosingNoteNone,
  m0023SnoozesAwaitingTime,
  m0024SnapshotLeftOut,
  m0025ClockPace,
]
