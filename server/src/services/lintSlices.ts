/**
 * Running a lint a few rules at a time. The engine's lint is synchronous; `lintInSteps` pauses it after each rule.
 * The server runs steps for a few milliseconds, then lets the event loop read messages and answer requests, and
 * stops a lint whose document has a newer text by then: the keystroke that made it stale waits for one slice, not
 * for the whole lint of a text nobody will see.
 */

/** Milliseconds of lint between two looks at the event loop. */
export const LINT_SLICE_MS = 10;

/** The next turn of the event loop, after pending I/O (setImmediate in Node; a zero timeout in a web worker). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * A clock that runs only while the lint does: the lint's time budget (LINT_BUDGET_MS) is the lint's own work, not
 * the time it spent paused while other documents were linted or requests answered.
 */
export class ActiveClock {
  private spent = 0;
  private since: number | undefined;

  constructor(private readonly wall: () => number = () => Date.now()) {}

  readonly now = (): number => this.spent + (this.since === undefined ? 0 : this.wall() - this.since);

  resume(): void {
    this.since ??= this.wall();
  }

  pause(): void {
    if (this.since === undefined) return;
    this.spent += this.wall() - this.since;
    this.since = undefined;
  }
}

export interface SliceOptions {
  /** True once the result is no longer wanted (a newer text, the document closed): the run stops at the next pause. */
  superseded(): boolean;
  /** The lint's clock (its `now`); paused between slices. */
  clock?: ActiveClock;
  sliceMs?: number;
  /** How to wait between slices (tests count the turns). */
  turn?: () => Promise<void>;
  wall?: () => number;
  /** Told how long the first step took (building the model: the one step that cannot be stopped part-way). */
  firstStep?: (ms: number) => void;
}

/**
 * Runs `steps` to the end, yielding to the event loop every `sliceMs`; undefined when it was superseded (checked
 * after every pause, and before the first step). The value is the one the same steps give when run at once.
 */
export async function runInSlices<T>(steps: Iterator<void, T, void>, options: SliceOptions): Promise<T | undefined> {
  const sliceMs = options.sliceMs ?? LINT_SLICE_MS;
  const turn = options.turn ?? nextTurn;
  const wall = options.wall ?? (() => Date.now());
  const clock = options.clock;
  if (options.superseded()) return undefined;
  clock?.resume();
  let sliceStarted = wall();
  let first = true;
  try {
    for (;;) {
      const step = steps.next();
      if (first) options.firstStep?.(wall() - sliceStarted);
      first = false;
      if (step.done) return step.value;
      if (wall() - sliceStarted < sliceMs) continue;
      clock?.pause();
      await turn();
      if (options.superseded()) {
        // let the lint's own `finally` blocks run; the rest of its work is dropped
        steps.return?.(undefined as T);
        return undefined;
      }
      clock?.resume();
      sliceStarted = wall();
    }
  } finally {
    clock?.pause();
  }
}

/**
 * Lints run one at a time, in the order they were asked for; asking again for a document already waiting keeps
 * its place. A lint in flight keeps the memory of one lint at a time even when 200 documents open together.
 * Documents asked for `first` (the one being typed in) go before the others (those re-linted because a file they
 * read changed): the user waits for the first kind.
 */
export class LintQueue {
  private readonly waiting = new Set<string>();
  /** The waiting documents that go first (a subset of `waiting`). */
  private readonly urgent = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly runOne: (uri: string) => Promise<void>,
    private readonly onError: (uri: string, error: unknown) => void = () => undefined,
    /** Nothing left to lint (after the last lint of a run of them). */
    private readonly onIdle: () => void = () => undefined,
  ) {}

  /** Whether `uri` waits for its turn. */
  has(uri: string): boolean {
    return this.waiting.has(uri);
  }

  get size(): number {
    return this.waiting.size;
  }

  enqueue(uri: string, first = false): void {
    this.waiting.add(uri);
    if (first) this.urgent.add(uri);
    if (!this.running) this.running = this.drain();
  }

  /** The document closed: it no longer waits (a lint in flight notices on its own). */
  remove(uri: string): void {
    this.waiting.delete(uri);
    this.urgent.delete(uri);
  }

  /** Resolves once nothing waits and nothing runs (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // one await first, so that `running` is assigned before this can end
    await Promise.resolve();
    try {
      // bounded by what is enqueued; each document waits at most once at a time
      for (let next = this.first(); next !== undefined; next = this.first()) {
        this.waiting.delete(next);
        this.urgent.delete(next);
        try {
          await this.runOne(next);
        } catch (error) {
          this.onError(next, error);
        }
      }
    } finally {
      // in the same turn as the last look at `waiting`: an enqueue after it starts a new drain
      this.running = undefined;
    }
    this.onIdle();
  }

  private first(): string | undefined {
    for (const uri of this.urgent) return uri;
    for (const uri of this.waiting) return uri;
    return undefined;
  }
}
