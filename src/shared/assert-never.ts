/** Compile-time proof that a switch handled every case; throws if reached at run time anyway. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`)
}
