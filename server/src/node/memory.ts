/**
 * How the Node server keeps its memory near its live data.
 *
 * Measured with 200 open files (bench/lsp.ts): 143 MB RSS for ~30 MB of live heap. Two things held the rest, and
 * neither goes back on its own while the server idles (V8's memory reducer did not run in 12 s of idle):
 * - the young generation: V8 doubles its semi-spaces under the allocation of a lint up to 16 MB each, and keeps
 *   them (32 MB). Growth factor 1 keeps them at their initial size; the lint's garbage is then collected more often
 *   (a few % more CPU on a typing run, bench/lsp.ts, where a lint's garbage is most of what it allocates).
 * - old-space pages a burst of lints grew into: a full collection once the server is idle compacts and returns them.
 *
 * Both go through V8 flags set after start (`v8.setFlagsFromString`), which Node documents as unpredictable: each
 * is tried once, any failure leaves the server as it was, and none is needed for correctness.
 */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** An idle collection only when the heap has grown by at least this much since the last one. */
const IDLE_GC_GROWTH_BYTES = 16 * 1024 * 1024;

/** Keeps the young generation at its initial size (read by V8 each time it would grow it). */
export function keepYoungGenerationSmall(): void {
  try {
    setFlagsFromString("--semi-space-growth-factor=1");
  } catch {
    // left as it was: more memory, same behaviour
  }
}

let gc: ((options?: unknown) => void) | undefined | null;

/** V8's collector as a function, once; null where it cannot be had. */
function collector(): ((options?: unknown) => void) | null {
  if (gc !== undefined) return gc;
  try {
    const exposed = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === "function") return (gc = exposed as () => void);
    // the flag applies to contexts created after it: a new context's `gc` is the isolate's collector
    setFlagsFromString("--expose-gc");
    const fromContext: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    gc = typeof fromContext === "function" ? (fromContext as () => void) : null;
  } catch {
    gc = null;
  }
  return gc;
}

let totalAfterLast = 0;

/**
 * Called when the server has had nothing to lint for a moment: returns old-space pages to the system when the heap
 * grew by more than IDLE_GC_GROWTH_BYTES since the last time. True when it collected.
 */
export function releaseIdleMemory(): boolean {
  if (getHeapStatistics().total_heap_size < totalAfterLast + IDLE_GC_GROWTH_BYTES) return false;
  const collect = collector();
  if (!collect) return false;
  try {
    // the first pass frees; the second compacts what the first left scattered, so whole pages go back
    collect();
    collect();
  } catch {
    gc = null;
    return false;
  }
  totalAfterLast = getHeapStatistics().total_heap_size;
  return true;
}
