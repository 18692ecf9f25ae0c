/**
 * Time each rule alone on one input: `tsx bench/ruleTimes.ts dockerfile 20000` or `… compose 1000`,
 * or `… file path/to/Dockerfile`. Prints the slowest rules first; finds the hotspot when lint is slow.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { detectKind } from "../server/src/engine/kinds";
import { lint } from "../server/src/engine/linter";
import { clearDockerfileParses } from "../server/src/engine/model/dockerfileParse";
import { allRules } from "../server/src/engine/rules";
import type { FileKind } from "../server/src/engine/types";
import { memoryFs } from "../server/src/engine/workspace";
import { generateCompose, generateDockerfile } from "./inputs";

export interface RuleTime {
  ruleId: string;
  ms: number;
  findings: number;
}

export function timeRules(filePath: string, text: string, kind: FileKind): RuleTime[] {
  const fs = memoryFs({ [filePath]: text });
  const out: RuleTime[] = [];
  for (const rule of allRules.filter((r) => r.meta.kind === kind)) {
    const config = { rules: { [rule.meta.id]: rule.meta.defaultSeverity === "off" ? ("warning" as const) : rule.meta.defaultSeverity } };
    clearDockerfileParses();
    const started = performance.now();
    const result = lint({ path: filePath, text, kind, fs, rules: [rule], config, composeCache: new Map() });
    out.push({ ruleId: rule.meta.id, ms: performance.now() - started, findings: result.findings.length });
  }
  return out.sort((a, b) => b.ms - a.ms);
}

if (require.main === module) {
  const [mode, arg] = process.argv.slice(2);
  let filePath: string;
  let text: string;
  if (mode === "dockerfile") [filePath, text] = ["/bench/Dockerfile", generateDockerfile(Number(arg ?? 2000))];
  else if (mode === "compose") [filePath, text] = ["/bench/compose.yml", generateCompose(Number(arg ?? 100))];
  else if (mode === "file" && arg) [filePath, text] = [path.resolve(arg).replace(/\\/g, "/"), fs.readFileSync(arg, "utf8")];
  else {
    console.error("usage: tsx bench/ruleTimes.ts dockerfile N | compose N | file PATH");
    process.exit(2);
  }
  const kind = detectKind(filePath);
  if (!kind) throw new Error(`not a lintable file: ${filePath}`);
  const times = timeRules(filePath, text, kind);
  const total = times.reduce((s, t) => s + t.ms, 0);
  console.log(
    `${kind}, ${text.split("\n").length} lines, ${times.length} rules, ${total.toFixed(0)} ms in total (each rule alone, parse included)`,
  );
  for (const t of times.slice(0, 15))
    console.log(`${t.ms.toFixed(1).padStart(9)} ms  ${String(t.findings).padStart(6)} findings  ${t.ruleId}`);
}
