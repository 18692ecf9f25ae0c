/**
 * `shipshape init config --from hadolint|dclint`: writes the `.shipshape.json` equivalent to a project's hadolint
 * and/or dclint config. Like the generators, it prints the plan (the file, and a diff when one exists) and writes
 * nothing without `--yes`; an existing different `.shipshape.json` is only replaced with `--force`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RuleSetting, ShipshapeConfig } from "../engine/config";
import { planFiles } from "../engine/generators/plan";
import { findPeerConfig, translatePeerConfig, type PeerTool } from "../engine/migrate";
import { repositoryRoot, UsageError } from "./config";
import { nodeFs, toPosix } from "./nodeFs";
import type { InitIo } from "./init";

export const INIT_CONFIG_HELP = `Usage: shipshape init config --from hadolint|dclint[,…] [options]

Writes .shipshape.json with the settings of .hadolint.yaml/.hadolint.yml and/or .dclintrc(.json|.yaml|.yml),
translated through the rules' equivalents (\`shipshape rules --json\` lists them).

Options:
  --from hadolint,dclint    which configs to translate (repeatable; the nearest file of each, up to the repository root)
  --file FILE               translate this file instead of looking for one (with a single --from)
  --dir DIR                 where to write .shipshape.json (default: the current folder)
  --yes                     write the file (without it: print it and what was not carried over, write nothing)
  --force                   replace an existing, different .shipshape.json
`;

export function runInitConfig(argv: readonly string[], io: InitIo): number {
  const tools: PeerTool[] = [];
  let file: string | undefined;
  let dirArg = ".";
  let yes = false;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf("=");
    const name = raw.startsWith("--") && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith("--") && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case "--help":
      case "-h":
        io.stdout(INIT_CONFIG_HELP);
        return 0;
      case "--from":
        for (const t of value().split(",")) {
          if (t !== "hadolint" && t !== "dclint") throw new UsageError(`--from must be hadolint or dclint, got "${t}"`);
          if (!tools.includes(t)) tools.push(t);
        }
        break;
      case "--file":
        file = value();
        break;
      case "--dir":
        dirArg = value();
        break;
      case "--yes":
      case "-y":
        yes = true;
        break;
      case "--force":
        force = true;
        break;
      default:
        throw new UsageError(`init config: unexpected ${raw} (see \`shipshape init config --help\`)`);
    }
  }
  if (tools.length === 0) throw new UsageError("init config needs --from hadolint or --from dclint");
  if (file !== undefined && tools.length !== 1) throw new UsageError("--file goes with exactly one --from");
  const dir = path.resolve(io.cwd, dirArg);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${dirArg} is not a folder`);

  const rules: Record<string, RuleSetting> = {};
  const config: ShipshapeConfig = { rules };
  const notes: string[] = [];
  for (const tool of tools) {
    const source =
      file !== undefined
        ? readSource(path.resolve(io.cwd, file))
        : findPeerConfig(tool, toPosix(dir), nodeFs.readFile, repositoryRoot(dir));
    if (!source) {
      throw new UsageError(
        file !== undefined
          ? `cannot read ${file}`
          : `no ${tool === "hadolint" ? ".hadolint.yaml" : ".dclintrc"} found from ${dirArg} up to the repository root`,
      );
    }
    const t = translatePeerConfig(tool, source.text);
    io.stdout(`${tool}: ${toPosix(path.relative(io.cwd, source.path)) || source.path}\n`);
    Object.assign(rules, t.config.rules ?? {});
    if (t.config.failureThreshold) config.failureThreshold = t.config.failureThreshold;
    notes.push(...t.notes);
  }
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const contents = JSON.stringify({ ...config, rules: sorted }, null, 2) + "\n";
  const [plan] = planFiles(nodeFs, toPosix(dir), [{ path: ".shipshape.json", contents }]);
  if (!plan) return 2;

  if (notes.length) io.stdout(`\nNot carried over, or with a caveat:\n${notes.map((n) => `  - ${n}\n`).join("")}`);
  io.stdout("\n");
  const target = path.join(dir, ".shipshape.json");
  const shown = toPosix(path.relative(io.cwd, target)) || ".shipshape.json";
  if (plan.action === "unchanged") {
    io.stdout(`  unchanged  ${shown}\n`);
    return 0;
  }
  if (plan.action === "conflict" && !force) {
    io.stdout(`  exists     ${shown} (differs; ${yes ? "skipped" : "would be skipped"}, --force replaces it)\n${plan.diff}`);
    return yes ? 1 : 0;
  }
  if (!yes) {
    io.stdout(`  ${plan.action === "create" ? "create   " : "overwrite"}  ${shown}\n`);
    io.stdout(plan.action === "create" ? contents.trimEnd().replace(/^/gm, "    ") + "\n" : plan.diff);
    io.stdout("\nNothing written: run again with --yes to write it.\n");
    return 0;
  }
  fs.writeFileSync(target, contents);
  io.stdout(`  ${plan.action === "create" ? "created  " : "overwrote"}  ${shown}\n`);
  return 0;
}

function readSource(abs: string): { path: string; text: string } | undefined {
  try {
    return { path: toPosix(abs), text: fs.readFileSync(abs, "utf8") };
  } catch {
    return undefined;
  }
}
