/**
 * The step most cache migrations share: a field the protocol added is written into the JSON the
 * cache already holds, so a row reads the same as one the new version wrote.
 */

/**
 * SQL giving every `table` row whose stored JSON lacks `path` that member, set to `value` (an SQL
 * expression; JSON null unless given). A row whose JSON does not parse is left as it is, for the
 * reader to skip, and so is one without the member's parent object.
 */
export function fillMissingJson(table: 'sessions' | 'expert', path: string, value = "json('null')"): string {
  const parent = path.slice(0, path.lastIndexOf('.'))
  const parentIsObject = parent === '$' ? '' : ` AND json_type(json, '${parent}') = 'object'`
  return `UPDATE ${table} SET json = json_set(json, '${path}', ${value})
    WHERE json_valid(json)${parentIsObject} AND json_type(json, '${path}') IS NULL;`
}
