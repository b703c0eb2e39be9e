/** How many bytes a piece of work allocates on the heap: for tests of garbage on a hot path. */
import { GCProfiler, getHeapStatistics } from 'node:v8'

/** Bytes `work` allocated on the V8 heap: what grew between the collections it set off. */
export function allocatedBy(work: () => void): number {
  const profiler = new GCProfiler()
  profiler.start()
  let from = getHeapStatistics().used_heap_size
  work()
  const end = getHeapStatistics().used_heap_size
  let total = 0
  for (const s of profiler.stop().statistics) {
    total += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - from)
    from = s.afterGC.heapStatistics.usedHeapSize
  }
  return total + Math.max(0, end - from)
}
