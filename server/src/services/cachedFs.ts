/**
 * The engine reads neighbour files synchronously (`WorkspaceFs`); a web worker can only ask the client, which
 * answers asynchronously. This cache sits between them: a read it cannot answer yet returns "absent", notes the
 * miss and fetches the file; `settle()` waits for the fetches, so the linter runs again before it publishes and a
 * rule never reports a neighbour as missing only because it was not fetched yet. Bounded: at most `maxEntries`
 * answers are kept (the oldest go first) and `maxInFlight` fetches run at once.
 */
import { dirname } from "../engine/paths";
import type { WorkspaceFs } from "../engine/types";

/** Where the files come from: the client's `workspace.fs` in the browser (see browserServer.ts). */
export interface FileSource {
  /** The text, or undefined when there is no such file (or it cannot be read). */
  readFile(path: string): Promise<string | undefined>;
  stat(path: string): Promise<"file" | "directory" | undefined>;
  /** Entry names, or undefined when there is no such folder. */
  readDir(path: string): Promise<string[] | undefined>;
}

type Kind = "file" | "stat" | "dir";
type Answer = string | "file" | "directory" | string[] | undefined;

export interface CachedFsLimits {
  maxEntries: number;
  maxInFlight: number;
}

export class CachedFs implements WorkspaceFs {
  private readonly answers = new Map<string, Answer>();
  private readonly queue: { key: string; kind: Kind; path: string }[] = [];
  private readonly queued = new Set<string>();
  private inFlight = 0;
  /** Bumped by forget(): a fetch started before it does not store its (stale) answer. */
  private generation = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly source: FileSource,
    private readonly limits: CachedFsLimits = { maxEntries: 5_000, maxInFlight: 8 },
  ) {}

  readFile(path: string): string | undefined {
    const a = this.answer("file", path);
    return typeof a === "string" ? a : undefined;
  }

  exists(path: string): boolean {
    if (typeof this.answers.get(`file:${path}`) === "string") return true;
    return this.answer("stat", path) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.answer("stat", path) === "directory";
  }

  readDir(path: string): string[] {
    const a = this.answer("dir", path);
    return Array.isArray(a) ? a : [];
  }

  /** True when a read is waiting for its fetch. */
  get pending(): boolean {
    return this.queue.length > 0 || this.inFlight > 0;
  }

  /** Resolves when every fetch asked for so far has its answer. */
  settle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A file changed: its answers (and its folder's listing) are fetched again on the next read. */
  forget(path: string): void {
    this.generation++;
    for (const kind of ["file", "stat", "dir"] as const) this.answers.delete(`${kind}:${path}`);
    this.answers.delete(`dir:${dirname(path)}`);
  }

  private answer(kind: Kind, path: string): Answer {
    const key = `${kind}:${path}`;
    if (this.answers.has(key)) return this.answers.get(key);
    if (!this.queued.has(key)) {
      this.queued.add(key);
      this.queue.push({ key, kind, path });
      this.pump();
    }
    return undefined;
  }

  private pump(): void {
    while (this.inFlight < this.limits.maxInFlight && this.queue.length > 0) {
      const job = this.queue.shift() as { key: string; kind: Kind; path: string };
      this.inFlight++;
      const generation = this.generation;
      void this.fetch(job.kind, job.path)
        .catch(() => undefined)
        .then((value) => {
          this.inFlight--;
          this.queued.delete(job.key);
          if (generation === this.generation) this.store(job.key, value);
          this.pump();
          if (!this.pending) for (const w of this.waiters.splice(0)) w();
        });
    }
  }

  private fetch(kind: Kind, path: string): Promise<Answer> {
    if (kind === "file") return this.source.readFile(path);
    if (kind === "stat") return this.source.stat(path);
    return this.source.readDir(path);
  }

  private store(key: string, value: Answer): void {
    this.answers.set(key, value);
    while (this.answers.size > this.limits.maxEntries) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
  }
}
