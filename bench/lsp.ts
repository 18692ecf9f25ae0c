/**
 * The language server as an editor sees it, measured through a real JSON-RPC client over stdio: cold start per file
 * kind, diagnostics latency while typing, request latencies, memory with many open files, idle CPU; and the CLI's
 * throughput on a synthetic monorepo. Used by `npm run bench` (bench/run.ts), which prints each figure next to its
 * target. Percentiles come from the runs here; on a shared machine read them with the load average printed beside them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  type Diagnostic,
  type Position,
} from "vscode-languageserver-protocol/node";
import { DockerfileParser } from "dockerfile-ast";
import { parseDocument } from "yaml";
import { threadCount } from "../server/src/cli/lintWorkers";
import { startServer, type OpenDocument, type TestServer } from "../test/lsp/helpers/client";
import { generateCompose, generateDockerfile } from "./inputs";

export interface Percentiles {
  p50: number;
  p95: number;
  n: number;
  /** Why there is no figure (the server does not answer that request). */
  error?: string;
}

export function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawn → first publishDiagnostics of one opened file, median of `runs` fresh servers. */
async function coldStart(serverPath: string, name: string, languageId: string, text: string, runs = 5): Promise<Percentiles> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const server = await startServer({ serverPath, open: { name, languageId, text } });
    if (i > 0) times.push(server.coldStartMs); // the first spawn warms the file system cache
    await server.stop();
  }
  return percentiles(times);
}

export interface TypingResult {
  /** Last keystroke of a burst → publishDiagnostics for that version (debounce included). */
  afterLastKeystroke: Percentiles;
  /** Every keystroke → the first publishDiagnostics that includes it. */
  perKeystroke: Percentiles;
  /**
   * CPU time of the server process over the whole typing run (the pauses between bursts included), per keystroke: what
   * the typing cost the server, which another load on the machine changes far less than the latencies.
   */
  serverCpuMsPerKeystroke: number;
}

/**
 * Types `bursts` × `keys` characters, one every `intervalMs`, at the end of line `line` (0-based), as full-text
 * changes (what VS Code sends for a small document is incremental, but the server's cost is in the lint either way).
 */
async function typing(server: TestServer, doc: OpenDocument, line: number, bursts = 8, keys = 6, intervalMs = 50): Promise<TypingResult> {
  const lines = doc.text.split("\n");
  const base = lines[line] ?? "";
  const last: number[] = [];
  const every: number[] = [];
  const pid = server.process.pid as number;
  const cpuBefore = cpuMs(pid);
  for (let b = 0; b < bursts; b++) {
    const arrivals: Promise<number>[] = [];
    const sentAt: number[] = [];
    for (let k = 0; k < keys; k++) {
      // a trailing comment that grows by one character per keystroke, so the text stays valid and the findings stay
      // the same, and every text is new as in real typing (a text seen before would hit the engine's parse cache)
      lines[line] = `${base} #${b}${"z".repeat(k + 1)}`;
      const version = doc.version + 1;
      arrivals.push(server.waitForDiagnostics(doc.uri, (p) => (p.version ?? -1) >= version, 20_000).then(() => performance.now()));
      sentAt.push(performance.now());
      server.change(doc, lines.join("\n"));
      if (k < keys - 1) await sleep(intervalMs);
    }
    const arrived = await Promise.all(arrivals);
    arrived.forEach((at, k) => every.push(at - (sentAt[k] as number)));
    last.push((arrived[keys - 1] as number) - (sentAt[keys - 1] as number));
    await sleep(300);
  }
  return {
    afterLastKeystroke: percentiles(last),
    perKeystroke: percentiles(every),
    serverCpuMsPerKeystroke: (cpuMs(pid) - cpuBefore) / (bursts * keys),
  };
}

async function requestLatency(send: () => Promise<unknown>, runs = 30): Promise<Percentiles> {
  try {
    await send(); // warm
  } catch (e) {
    return { p50: NaN, p95: NaN, n: 0, error: (e as Error).message.split("\n")[0] };
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await send();
    times.push(performance.now() - t);
  }
  return percentiles(times);
}

export interface RequestLatencies {
  hover: Percentiles;
  completion: Percentiles;
  codeAction: Percentiles;
  definition: Percentiles;
}

async function requests(server: TestServer, doc: OpenDocument, at: Position, diagnostics: Diagnostic[]): Promise<RequestLatencies> {
  const c = server.connection;
  const textDocument = { uri: doc.uri };
  const range = diagnostics[0]?.range ?? { start: at, end: at };
  return {
    hover: await requestLatency(() => c.sendRequest(HoverRequest.type, { textDocument, position: at })),
    completion: await requestLatency(() => c.sendRequest(CompletionRequest.type, { textDocument, position: at })),
    codeAction: await requestLatency(() =>
      c.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: diagnostics.slice(0, 5) } }),
    ),
    definition: await requestLatency(() => c.sendRequest(DefinitionRequest.type, { textDocument, position: at })),
  };
}

export interface EditorFigures {
  coldStart: { dockerfile: Percentiles; compose: Percentiles };
  dockerfile2000: { typing: TypingResult; requests: RequestLatencies; openToDiagnosticsMs: number };
  compose300: { typing: TypingResult; requests: RequestLatencies; openToDiagnosticsMs: number };
  manyFiles: { files: number; rssMb: number; idleCpuMs: number };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function openAndWait(
  server: TestServer,
  name: string,
  languageId: string,
  text: string,
): Promise<{ doc: OpenDocument; ms: number; diagnostics: Diagnostic[] }> {
  const t = performance.now();
  const doc = server.open(name, languageId, text);
  const p = await server.waitForDiagnostics(doc.uri, () => true, 30_000);
  return { doc, ms: performance.now() - t, diagnostics: p.diagnostics };
}

export async function editorFigures(serverPath: string): Promise<EditorFigures> {
  const smallDockerfile = fs.readFileSync(path.resolve(__dirname, "../examples/fastapi-app/Dockerfile"), "utf8");
  const smallCompose = generateCompose(3);
  const coldStartFigures = {
    dockerfile: await coldStart(serverPath, "Dockerfile", "dockerfile", smallDockerfile),
    compose: await coldStart(serverPath, "compose.yaml", "dockercompose", smallCompose),
  };

  const server = await startServer({ serverPath });
  try {
    const dockerText = generateDockerfile(2000);
    const d = await openAndWait(server, "big/Dockerfile", "dockerfile", dockerText);
    const dLine = dockerText.split("\n").findIndex((l) => l.startsWith("ENV VAR_100="));
    const dTyping = await typing(server, d.doc, dLine);
    const dRequests = await requests(server, d.doc, { line: dLine, character: 2 }, d.diagnostics);

    const composeText = generateCompose(300);
    const c = await openAndWait(server, "big/compose.yaml", "dockercompose", composeText);
    const cLine = composeText.split("\n").findIndex((l) => l.includes("LOG_LEVEL: info"));
    const cTyping = await typing(server, c.doc, cLine);
    const depends = composeText.split("\n").findIndex((l) => /^ {6}svc\d+:$/.test(l));
    const cRequests = await requests(server, c.doc, { line: depends, character: 8 }, c.diagnostics);

    return {
      coldStart: coldStartFigures,
      dockerfile2000: { typing: dTyping, requests: dRequests, openToDiagnosticsMs: d.ms },
      compose300: { typing: cTyping, requests: cRequests, openToDiagnosticsMs: c.ms },
      manyFiles: await manyFiles(serverPath),
    };
  } finally {
    await server.stop();
  }
}

/** 200 open files of mixed kinds (120 Dockerfiles, 60 compose files, 20 .dockerignore): RSS, then idle CPU over 3 s. */
async function manyFiles(serverPath: string): Promise<EditorFigures["manyFiles"]> {
  const server = await startServer({ serverPath });
  try {
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 120; i++) {
      const doc = server.open(`svc${i}/Dockerfile`, "dockerfile", generateDockerfile(60 + (i % 7) * 20));
      pending.push(server.waitForDiagnostics(doc.uri, () => true, 60_000));
    }
    for (let i = 0; i < 60; i++) {
      const doc = server.open(`stack${i}/compose.yaml`, "dockercompose", generateCompose(5 + (i % 5) * 5));
      pending.push(server.waitForDiagnostics(doc.uri, () => true, 60_000));
    }
    for (let i = 0; i < 20; i++) {
      server.writeFile(`svc${i}/.dockerignore`, ".git\nnode_modules\n*.log\n");
    }
    await Promise.all(pending);
    await sleep(1000);
    const pid = server.process.pid as number;
    const rss = rssMb(pid);
    const before = cpuMs(pid);
    await sleep(3000);
    return { files: 200, rssMb: rss, idleCpuMs: cpuMs(pid) - before };
  } finally {
    await server.stop();
  }
}

export interface CliFigures {
  files: number;
  /** Threads the CLI used (SHIPSHAPE_THREADS, else the cores, at most 4). */
  threads: number;
  /** Reading and parsing every file once in this process, one thread: the floor the CLI is read against. */
  bareParseSeconds: number;
  seconds: number;
  filesPerSecond: number;
  peakRssMb: number | null;
  findings: number;
}

/** `shipshape lint` over a synthetic monorepo: 1,000 Dockerfiles, 300 compose files, 500 .dockerignore. */
export function cliThroughput(bin: string): CliFigures {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-monorepo-"));
  try {
    fs.mkdirSync(path.join(root, ".git"));
    for (let i = 0; i < 1000; i++) {
      const dir = path.join(root, `services/s${i}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "Dockerfile"), generateDockerfile(40 + (i % 10) * 10));
      if (i < 500) fs.writeFileSync(path.join(dir, ".dockerignore"), ".git\nnode_modules\n**/*.pyc\n.env\n");
    }
    for (let i = 0; i < 300; i++) {
      const dir = path.join(root, `stacks/k${i}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "compose.yaml"), generateCompose(3 + (i % 6)));
    }
    const files = 1800;
    const time = fs.existsSync("/usr/bin/time");
    const cmd = time ? "/usr/bin/time" : process.execPath;
    const args = time
      ? ["-f", "%M", process.execPath, bin, "lint", ".", "--format", "json", "--exit-zero"]
      : [bin, "lint", ".", "--format", "json", "--exit-zero"];
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
    const seconds = (performance.now() - t) / 1000;
    const peakKb = time ? Number(r.stderr.trim().split("\n").pop()) : NaN;
    let findings = 0;
    try {
      findings = (JSON.parse(r.stdout) as unknown[]).length;
    } catch {
      findings = -1;
    }
    const bareStarted = performance.now();
    for (let i = 0; i < 1000; i++) {
      const dir = path.join(root, `services/s${i}`);
      DockerfileParser.parse(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8"));
      if (i < 500) fs.readFileSync(path.join(dir, ".dockerignore"), "utf8").split("\n");
    }
    for (let i = 0; i < 300; i++) parseDocument(fs.readFileSync(path.join(root, `stacks/k${i}/compose.yaml`), "utf8"));
    const bareParseSeconds = (performance.now() - bareStarted) / 1000;
    return {
      files,
      threads: threadCount(process.env.SHIPSHAPE_THREADS),
      bareParseSeconds,
      seconds,
      filesPerSecond: files / seconds,
      peakRssMb: Number.isNaN(peakKb) ? null : peakKb / 1024,
      findings,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
