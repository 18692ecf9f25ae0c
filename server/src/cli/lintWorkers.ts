import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import type { ShipshapeConfig } from "../engine/config";

/**
 * `shipshape lint` on many files uses the machine's cores: worker threads running the same bundle lint batches of
 * files alongside the main thread, which stays synchronous (the callers of runLint are): the threads take batches
 * from one shared counter, so a slow file delays nobody, and the main thread collects every report at the end with
 * `receiveMessageOnPort`. Batches are runs of neighbouring files (discovery order), so a folder's files are mostly
 * linted by one thread, which reads their shared neighbours once.
 *
 * Only from the bundle (dist/cli/main.js): from the TypeScript sources (tests) a worker could not load this code,
 * and everything runs on the main thread as before.
 */

/** Fewer files than this are linted on the main thread (a worker's start costs about what 100 files do). */
export const MIN_FILES_FOR_WORKERS = 300;
const MAX_THREADS = 4;
const BATCH = 16;
/** A worker that has not started after this long is given up (its batches are linted on the main thread). */
const START_TIMEOUT_MS = 10_000;

/** Threads for a run: `SHIPSHAPE_THREADS` (1 = the main thread only) or the cores, at most MAX_THREADS by default. */
export function threadCount(setting: string | undefined): number {
  const asked = Number(setting);
  if (setting && Number.isInteger(asked) && asked >= 1) return Math.min(asked, 32);
  return Math.min(MAX_THREADS, availableParallelism());
}

export interface WorkerFile {
  path: string;
  kind: string;
  configIndex: number;
}

interface WorkerInput {
  shipshapeLintWorker: true;
  files: WorkerFile[];
  configs: ShipshapeConfig[];
  /** [0] the next file index to take; [1] workers started; [2] workers finished. */
  shared: SharedArrayBuffer;
  port: MessagePort;
}

export interface BatchResult<R> {
  from: number;
  reports: R[];
}

/** Whether this thread is a lint worker (main.ts then runs the worker loop instead of the command line). */
export function isLintWorker(): boolean {
  return (workerData as Partial<WorkerInput> | null)?.shipshapeLintWorker === true;
}

/** The worker side: takes batches until none are left, posts each batch's reports. */
export function runLintWorker<R>(lintFile: (file: WorkerFile, config: ShipshapeConfig) => R): void {
  const input = workerData as WorkerInput;
  const counters = new Int32Array(input.shared);
  Atomics.add(counters, 1, 1);
  try {
    for (;;) {
      const from = Atomics.add(counters, 0, BATCH);
      if (from >= input.files.length) break;
      const reports: R[] = [];
      for (const file of input.files.slice(from, from + BATCH))
        reports.push(lintFile(file, input.configs[file.configIndex] as ShipshapeConfig));
      input.port.postMessage({ from, reports } satisfies BatchResult<R>);
    }
  } finally {
    Atomics.add(counters, 2, 1);
    Atomics.notify(counters, 2);
  }
}

/**
 * Lints `files` on the main thread and on worker threads; undefined when workers are not worth it or not
 * available (too few files, one core, not running from the bundle): then the caller lints on its own.
 */
export function lintWithWorkers<R>(
  files: readonly WorkerFile[],
  configs: readonly ShipshapeConfig[],
  lintFile: (file: WorkerFile, config: ShipshapeConfig) => R,
  entry: string = __filename,
): R[] | undefined {
  const threads = threadCount(process.env.SHIPSHAPE_THREADS);
  if (threads < 2 || files.length < MIN_FILES_FOR_WORKERS || !entry.endsWith(".js")) return undefined;
  const shared = new SharedArrayBuffer(3 * 4);
  const counters = new Int32Array(shared);
  const workers: { worker: Worker; port: MessagePort }[] = [];
  for (let i = 0; i < threads - 1; i++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { shipshapeLintWorker: true, files: [...files], configs: [...configs], shared, port: port2 };
    try {
      // a larger young generation: linting allocates many short-lived objects, and scavenges were a fifth of the time
      const worker = new Worker(entry, { workerData: input, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      worker.unref();
      workers.push({ worker, port: port1 });
    } catch {
      port1.close();
    }
  }
  if (workers.length === 0) return undefined;

  const results: (R | undefined)[] = new Array<R | undefined>(files.length);
  const done = new Uint8Array(files.length);
  const take = (batch: BatchResult<R>) => {
    batch.reports.forEach((r, i) => {
      results[batch.from + i] = r;
      done[batch.from + i] = 1;
    });
  };
  for (;;) {
    const from = Atomics.add(counters, 0, BATCH);
    if (from >= files.length) break;
    for (let i = from; i < Math.min(files.length, from + BATCH); i++) {
      results[i] = lintFile(files[i] as WorkerFile, configs[(files[i] as WorkerFile).configIndex] as ShipshapeConfig);
      done[i] = 1;
    }
    // keep the workers' queues short
    for (const w of workers)
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) take(m.message as BatchResult<R>);
  }
  // wait for the workers that started; one that never started is not waited for past the timeout
  const waitStarted = Date.now();
  for (;;) {
    const finished = Atomics.load(counters, 2);
    const started = Atomics.load(counters, 1);
    if (finished >= workers.length) break;
    if (finished >= started && Date.now() - waitStarted > START_TIMEOUT_MS) break;
    Atomics.wait(counters, 2, finished, 50);
  }
  for (const w of workers) {
    for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) take(m.message as BatchResult<R>);
    w.port.close();
    void w.worker.terminate();
  }
  // a batch a worker took but never reported (it failed): linted here
  for (let i = 0; i < files.length; i++) {
    if (!done[i]) results[i] = lintFile(files[i] as WorkerFile, configs[(files[i] as WorkerFile).configIndex] as ShipshapeConfig);
  }
  return results as R[];
}
