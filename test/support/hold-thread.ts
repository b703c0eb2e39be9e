/** Work that holds the thread, as a cache read over a long History does. */

/** Keeps the thread busy for at least `ms` milliseconds of steady time, answering nothing until then. */
export function holdThread(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}
