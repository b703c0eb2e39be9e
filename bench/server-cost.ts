/**
 * What a stretch of rounds cost the process running the servers, in two figures that a busy
 * machine moves far less than it moves latencies: CPU time (every thread of the process, the
 * WAL checkpoint worker's too) and bytes allocated on V8's heap, each per round. The allocation
 * is what the young generation fills with, so it says how often a collection pauses the servers.
 */
import { getHeapStatistics, GCProfiler } from 'node:v8'

/** One stretch's cost per round. */
export interface RoundCost {
  /** CPU time per round, in milliseconds. */
  readonly cpuMs: number
  /** Bytes allocated on the V8 heap per round. */
  readonly allocated: number
}

/**
 * Bytes allocated from `startUsed` (the heap's used size when watching began) to `endUsed`, given
 * the heap's used size before and after each collection meanwhile: what grew between collections.
 */
export function allocatedBetween(
  startUsed: number,
  collections: ReadonlyArray<{ readonly before: number; readonly after: number }>,
  endUsed: number,
): number {
  let total = 0
  let from = startUsed
  for (const { before, after } of collections) {
    total += Math.max(0, before - from)
    from = after
  }
  return total + Math.max(0, endUsed - from)
}

/** Watch this process's CPU time and heap allocation while `work` runs `rounds` rounds. */
export async function costPerRound(rounds: number, work: () => Promise<void>): Promise<RoundCost> {
  const profiler = new GCProfiler()
  profiler.start()
  const startUsed = getHeapStatistics().used_heap_size
  const cpuFrom = process.cpuUsage()
  await work()
  const cpu = process.cpuUsage(cpuFrom)
  const endUsed = getHeapStatistics().used_heap_size
  const collections = profiler.stop().statistics.map((s) => ({
    before: s.beforeGC.heapStatistics.usedHeapSize,
    after: s.afterGC.heapStatistics.usedHeapSize,
  }))
  return {
    cpuMs: (cpu.user + cpu.system) / 1000 / rounds,
    allocated: allocatedBetween(startUsed, collections, endUsed) / rounds,
  }
}
