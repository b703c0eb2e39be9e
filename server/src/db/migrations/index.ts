/** Every platform migration, in order. Add a new file and append it here; never edit a shipped one. */
import type { Migration } from '../migrate'
import { m0001Initial } from './0001-initial'

/** All migrations, oldest first. */
export const platformMigrations: ReadonlyArray<Migration> = [m0001Initial]
