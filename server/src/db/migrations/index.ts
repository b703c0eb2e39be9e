/** Every platform migration, in order. Add a new file and append it here; never edit a shipped one. */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'
import { m0001Initial } from './0001-initial'
import { m0002StreamIdentity } from './0002-stream-identity'

/** All migrations, oldest first. */
export const platformMigrations: ReadonlyArray<Migration<Database.Database>> = [
  m0001Initial,
  m0002StreamIdentity,
]
