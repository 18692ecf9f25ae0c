// Neovim 0.7 (Debian's) as a second LSP client: `node bin/shipshape-language-server.js --stdio` attached to
// `nvim --headless` gives diagnostics, a hover and a quick fix for a Dockerfile and a compose file.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { newRunDir, trackGroup } from "./codeServer";
import { FIXTURE_WORKSPACE, NVIM_PROBE, ROOT } from "./paths";
import type { Outcome } from "./report";
import { log, waitFor } from "./util";

interface ProbeDiagnostic {
  lnum: number;
  col: number;
  source?: string;
  code?: string;
  message: string;
}

interface ProbeResult {
  nvim: string;
  error?: string;
  initialized?: boolean;
  diagnostics?: ProbeDiagnostic[];
  hover?: string[];
  actions?: { title: string; kind?: string; has_edit: boolean }[];
  review?: { markdown: string; critical: number; improvements: number };
  applied?: string;
  fixed_gone?: boolean;
  text_after_fix?: string;
  server_exit?: { code: number; signal: number };
  definition?: { uri: string; line: number; character: number }[];
  rename_position?: { line: number; character: number };
  renamed?: boolean;
  text_after_rename?: string;
}

interface Probe {
  file: string;
  filetype: string;
  rule: string;
  /** What the buffer must (not) contain after the quick fix. */
  fixedText: (text: string) => boolean;
  /** Go to definition on a service key, then rename it (`from`, `to`). */
  rename?: { from: string; to: string };
}

const PROBES: Probe[] = [
  {
    file: "Dockerfile",
    filetype: "dockerfile",
    rule: "dockerfile/maintainer-deprecated",
    fixedText: (t) => /^LABEL org\.opencontainers\.image\.authors=/m.test(t),
  },
  {
    file: "compose.yaml",
    filetype: "yaml",
    rule: "compose/no-version-key",
    fixedText: (t) => !/^version:/m.test(t),
    rename: { from: "db", to: "database" },
  },
];

async function runProbe(probe: Probe): Promise<ProbeResult> {
  const run = newRunDir("nvim", FIXTURE_WORKSPACE);
  const out = join(run.dir, "probe.json");
  const env = {
    ...run.env,
    PROBE_OUT: out,
    PROBE_CMD: JSON.stringify([process.execPath, join(ROOT, "bin", "shipshape-language-server.js"), "--stdio"]),
    PROBE_FILETYPE: probe.filetype,
    PROBE_RULE: probe.rule,
    PROBE_RENAME: probe.rename ? `${probe.rename.from}=${probe.rename.to}` : "",
    PROBE_LUA: NVIM_PROBE,
  };
  const args = [
    "--headless",
    "-u",
    "NONE",
    "-i",
    "NONE",
    "-n",
    "-c",
    'lua dofile(os.getenv("PROBE_LUA"))',
    join(run.workspace, probe.file),
  ];
  // own process group, so a language server that outlives nvim goes too
  const child = spawn("nvim", args, { env, cwd: run.workspace, detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.on("exit", () => (exited = true));
  child.on("error", (err) => {
    stderr += String(err);
    exited = true;
  });
  const stop = child.pid === undefined ? async () => undefined : trackGroup(child.pid);
  try {
    await waitFor(`nvim to finish the LSP probe of ${probe.file}`, 60_000, () => exited);
  } finally {
    await stop();
    run.dispose();
  }
  if (!existsSync(out)) return { nvim: "?", error: `nvim wrote no result${stderr ? `: ${stderr.trim()}` : ""}` };
  return JSON.parse(readFileSync(out, "utf8")) as ProbeResult;
}

export async function runNeovim(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const probe of PROBES) {
    const r = await runProbe(probe);
    const name = (what: string) => `neovim ${r.nvim}: ${probe.file} ${what}`;
    const dump = JSON.stringify(r, null, 2);
    log(`neovim ${probe.file}: ${r.error ?? `${r.diagnostics?.length ?? 0} diagnostics, ${r.actions?.length ?? 0} code actions`}`);
    const ours = (r.diagnostics ?? []).filter((d) => d.source === "shipshape");
    outcomes.push({
      name: name(`diagnostics include ${probe.rule}`),
      ok: r.initialized === true && ours.some((d) => d.code === probe.rule),
      detail: dump,
    });
    const hover = (r.hover ?? []).join("\n");
    outcomes.push({
      name: name("hover shows the rule documentation"),
      ok: hover.includes(probe.rule) && /docs\/rules\//.test(hover),
      detail: hover || dump,
    });
    outcomes.push({
      name: name("the server's review command (workspace/executeCommand) reports the finding"),
      ok: (r.review?.markdown ?? "").includes(probe.rule) && (r.review?.critical ?? 0) + (r.review?.improvements ?? 0) > 0,
      detail: r.review?.markdown ?? dump,
    });
    outcomes.push({
      name: name("quick fix applies and the diagnostic goes away"),
      ok: r.applied !== undefined && r.fixed_gone === true && probe.fixedText(r.text_after_fix ?? ""),
      detail: dump,
    });
    if (probe.rename) {
      const { from, to } = probe.rename;
      const at = r.rename_position;
      outcomes.push({
        name: name(`go to definition of service ${from}`),
        ok:
          !!at &&
          (r.definition ?? []).some((d) => d.uri.endsWith(`/${probe.file}`) && d.line === at.line && d.character === at.character - 1),
        detail: dump,
      });
      outcomes.push({
        name: name(`rename ${from} to ${to} applies`),
        ok:
          r.renamed === true &&
          new RegExp(`^\\s+${to}:`, "m").test(r.text_after_rename ?? "") &&
          !new RegExp(`^\\s+${from}:`, "m").test(r.text_after_rename ?? ""),
        detail: dump,
      });
    }
    outcomes.push({ name: name("server exits cleanly on shutdown"), ok: r.server_exit?.code === 0 && r.error === undefined, detail: dump });
  }
  return outcomes;
}
