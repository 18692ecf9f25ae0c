/**
 * `npm run fuzz -- --count N --seed S [--jobs J] [--out DIR] [--hang-ms MS]`
 *
 * Mutates the rules' examples and the repository's Dockerfiles, compose projects and .dockerignore files
 * (scripts/fuzz/mutants.ts), lints every mutant with all rules on, applies and re-lints offered fixes, and runs
 * the safe fixes to a fixed point (scripts/fuzz/check.ts). Mutants run in worker processes watched by this
 * one: a worker that spends --kill-ms of CPU time on one mutant without answering is killed, that mutant counts as a hang, and a
 * new worker goes on with the next. Each distinct failure (deduplicated by stack or by rule and fix) is saved
 * under --out (default fuzz-failures/, git-ignored) with the mutant's files, a minimized reproducer and how to
 * regenerate it. Exit code 1 when anything failed.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkProject, minimize, type Failure } from "./fuzz/check";
import { loadSeeds, mutant, type Project } from "./fuzz/mutants";

const ROOT = resolve(__dirname, "..");

interface Args {
  count: number;
  seed: number;
  jobs: number;
  out: string;
  hangMs: number;
  killMs: number;
  worker: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 1000, seed: 1, jobs: 1, out: join(ROOT, "fuzz-failures"), hangMs: 5000, killMs: 60_000, worker: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value`);
      return value;
    };
    if (a === "--count") args.count = Number(v());
    else if (a === "--seed") args.seed = Number(v());
    else if (a === "--jobs") args.jobs = Math.max(1, Number(v()));
    else if (a === "--out") args.out = resolve(v());
    else if (a === "--hang-ms") args.hangMs = Number(v());
    else if (a === "--kill-ms") args.killMs = Number(v());
    else if (a === "--worker") args.worker = true;
    else if (a === "--help" || a === "-h") {
      console.log("npm run fuzz -- --count N --seed S [--jobs J] [--out DIR] [--hang-ms 5000] [--kill-ms 60000]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.count) || args.count < 0 || !Number.isInteger(args.seed)) throw new Error("--count and --seed take integers");
  return args;
}

type ToWorker = { i: number } | { stop: true };
type FromWorker = { type: "ready" } | { type: "done"; i: number; lintMs: number; totalMs: number; fixes: number; failures: Failure[] };

/** User + system CPU time of a process in ms, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function worker(args: Args): void {
  // Ctrl-C reaches the whole process group: the parent decides when workers stop
  process.on("SIGINT", () => undefined);
  const seeds = loadSeeds(ROOT);
  process.on("message", (m: ToWorker) => {
    if ("stop" in m) process.exit(0);
    const project = mutant(seeds, args.seed, m.i);
    const r = checkProject(project, { hangMs: args.hangMs });
    const msg: FromWorker = { type: "done", i: m.i, lintMs: r.lintMs, totalMs: r.totalMs, fixes: r.fixesChecked, failures: r.failures };
    process.send?.(msg);
  });
  process.send?.({ type: "ready" } satisfies FromWorker);
}

interface Stats {
  done: number;
  failed: number;
  byKind: Map<string, number>;
  distinct: Map<string, { failure: Failure; index: number; count: number }>;
  slow: number;
  slowest: { ms: number; index: number };
  fixes: number;
}

async function parent(args: Args): Promise<number> {
  const started = Date.now();
  const seeds = loadSeeds(ROOT);
  const stats: Stats = { done: 0, failed: 0, byKind: new Map(), distinct: new Map(), slow: 0, slowest: { ms: 0, index: -1 }, fixes: 0 };
  let next = 0;
  let lastReport = Date.now();

  const record = (i: number, failures: Failure[], totalMs: number, fixes: number) => {
    stats.done++;
    stats.fixes += fixes;
    if (totalMs > 1000) stats.slow++;
    if (totalMs > stats.slowest.ms) stats.slowest = { ms: totalMs, index: i };
    if (failures.length) stats.failed++;
    for (const f of failures) {
      stats.byKind.set(f.kind, (stats.byKind.get(f.kind) ?? 0) + 1);
      const seen = stats.distinct.get(f.signature);
      if (seen) seen.count++;
      else {
        stats.distinct.set(f.signature, { failure: f, index: i, count: 1 });
        save(args, seeds, i, f, false);
        console.log(`  new failure (${f.kind}) at mutant ${i}: ${f.message}`);
      }
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.log(`  ${stats.done}/${args.count} mutants, ${stats.failed} failing, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };

  const runWorker = () =>
    new Promise<void>((resolveWorker) => {
      let child: ChildProcess;
      let current = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const start = () => {
        child = fork(__filename, [...process.argv.slice(2), "--worker"], {
          execArgv: ["--import", "tsx"],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        });
        child.on("message", (m: FromWorker) => {
          if (m.type === "done") {
            if (timer) clearTimeout(timer);
            record(m.i, m.failures, m.totalMs, m.fixes);
          }
          give();
        });
        child.on("exit", (code, signal) => {
          if (timer) clearTimeout(timer);
          if (current >= 0) {
            // died or was killed on `current`: a crash of the process (stack overflow abort, out of memory) or a hang
            const killed = signal === "SIGKILL";
            const failure: Failure = killed
              ? // nothing tells two hangs (or two dead workers) apart, so each is kept with its own mutant
                { kind: "hang", message: `no answer within ${args.killMs} ms of CPU time`, signature: `hang|killed|${current}` }
              : {
                  kind: "crash",
                  message: `worker exited (code ${code}, signal ${signal})`,
                  signature: `crash|exit|${code}|${signal}|${current}`,
                };
            record(current, [failure], args.killMs, 0);
            current = -1;
            if (next < args.count) start();
            else resolveWorker();
          } else resolveWorker();
        });
      };
      const give = () => {
        if (next >= args.count) {
          current = -1;
          child.send({ stop: true } satisfies ToWorker);
          return;
        }
        current = next++;
        child.send({ i: current } satisfies ToWorker);
        if (timer) clearTimeout(timer);
        // a hang is --kill-ms of the worker's own CPU time on one mutant, so a loaded machine (or `nice`) does not
        // turn a slow lint into a "hang"; where the CPU time cannot be read (not Linux), wall-clock time
        const cpuAtStart = cpuMsOf(child.pid);
        const wallAtStart = Date.now();
        const watch = () => {
          const cpu = cpuMsOf(child.pid);
          const spent = cpu !== undefined && cpuAtStart !== undefined ? cpu - cpuAtStart : Date.now() - wallAtStart;
          // and a bound on the wall clock too, for a worker that waits on nothing for ever
          if (spent >= args.killMs || Date.now() - wallAtStart >= 20 * args.killMs) child.kill("SIGKILL");
          else timer = setTimeout(watch, 1000);
        };
        timer = setTimeout(watch, 1000);
      };
      start();
    });

  // Ctrl-C or SIGTERM: hand out no more mutants, finish the ones running, print the summary so far
  const stop = () => {
    if (next < args.count) console.log(`  stopping after the mutants in progress (${next} handed out)`);
    next = Math.max(next, args.count);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(`fuzzing ${args.count} mutants of ${seeds.length} seeds, seed ${args.seed}, ${args.jobs} job(s)`);
  await Promise.all(Array.from({ length: Math.min(args.jobs, Math.max(1, args.count)) }, runWorker));

  const seconds = (Date.now() - started) / 1000;
  // minimized only now: shrinking in the middle of the run would block this process and its watchdog
  for (const d of stats.distinct.values()) save(args, seeds, d.index, d.failure, true);
  const kinds = ["crash", "hang", "fix-throws", "fix-self-overlap", "fix-stays", "fix-not-converging"];
  console.log(
    [
      ``,
      `seed ${args.seed}, ${stats.done} mutants${stats.done < args.count ? ` (stopped early, of ${args.count})` : ""} in ${seconds.toFixed(1)} s wall clock (${(stats.done / seconds).toFixed(0)}/s), ${stats.fixes} single fixes re-linted`,
      ...kinds.map((k) => `  ${k}: ${stats.byKind.get(k) ?? 0}`),
      `  mutants over 1 s of CPU (lint, fixes and re-lints): ${stats.slow}; slowest ${Math.round(stats.slowest.ms)} ms (mutant ${stats.slowest.index})`,
      `  distinct failures: ${stats.distinct.size}${stats.distinct.size ? ` (saved under ${args.out})` : ""}`,
    ].join("\n"),
  );
  for (const [sig, d] of stats.distinct)
    console.log(`    ${d.count}× ${d.failure.kind}: ${d.failure.message} [mutant ${d.index}] ${sig.length > 120 ? "" : sig}`);
  return stats.distinct.size > 0 ? 1 : 0;
}

function save(args: Args, seeds: Project[], index: number, failure: Failure, shrink: boolean): void {
  const project = mutant(seeds, args.seed, index);
  const id = `${failure.kind}-${createHash("sha1").update(failure.signature).digest("hex").slice(0, 10)}`;
  const dir = join(args.out, id);
  for (const [p, text] of Object.entries(project.files)) {
    const file = join(dir, "files", p);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  let reproducer: string | undefined;
  // hangs are not minimized (each try could take as long); the others shrink in a bounded number of checks
  if (shrink && failure.kind !== "hang" && !failure.signature.startsWith("crash|exit")) {
    try {
      reproducer = minimize(project, failure.signature, 150, { hangMs: args.hangMs });
      const file = join(dir, "reproducer", project.target.slice(project.target.lastIndexOf("/") + 1));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, reproducer);
    } catch {
      reproducer = undefined;
    }
  }
  writeFileSync(
    join(dir, "failure.json"),
    JSON.stringify(
      {
        ...failure,
        seed: args.seed,
        mutant: index,
        target: project.target,
        fileKind: project.kind,
        regenerate: `npm run fuzz -- --seed ${args.seed} --count ${index + 1}`,
        reproducerTarget: reproducer === undefined ? undefined : project.target,
      },
      null,
      2,
    ) + "\n",
  );
}

const args = parseArgs(process.argv.slice(2));
if (args.worker) worker(args);
else
  void parent(args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
