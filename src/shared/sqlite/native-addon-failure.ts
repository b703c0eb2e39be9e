/**
 * Whether an error is SQLite's native addon failing to load (built for another Node.js or Electron
 * ABI, another machine, or missing), for both databases: no file is at fault then, and moving one
 * aside would not help; rebuilding the addon does.
 */

/** dlopen's wording for an addon of another ABI or machine, the bindings loader's, and our own. */
const NATIVE_ADDON_FAILURE =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|ERR_DLOPEN_FAILED|native addon could not be loaded|Electron build of SQLite is missing|Could not locate the bindings file|invalid ELF header|not a valid Win32 application|incompatible architecture|wrong ELF class/i

/** True for an error (its own fields, not its causes) that says the native addon did not load. */
export function isNativeAddonFailure(facts: { readonly code: string; readonly message: string }): boolean {
  return facts.code === 'ERR_DLOPEN_FAILED' || NATIVE_ADDON_FAILURE.test(facts.message)
}
