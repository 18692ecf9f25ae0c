/**
 * `shipshape init dockerfile|dagster|recipes|dockerignore`, `shipshape review FILE` and
 * `shipshape refine FILE --goal …`: the generators, review and refine modes on the command line.
 * Without `--yes` nothing is written: the plan and a unified diff are printed. Existing files are never
 * overwritten without `--force`, and nothing is written outside `--dir`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  GENERATOR_NAMES,
  generate,
  generatorRefusal,
  lockfileAdvice,
  nextSteps,
  type GenerateOptions,
  type GeneratorName,
} from "../engine/generators";
import { dagsterAppNote } from "../engine/generators/dagster";
import { unifiedDiff } from "../engine/generators/diff";
import { BASE_FLAVOURS, type BaseFlavour } from "../engine/generators/hardenedDockerfile";
import { isMergeableFile, planFiles, type PlannedFile } from "../engine/generators/plan";
import { readProjectFacts } from "../engine/generators/projectFacts";
import { parseRecipeName, RECIPE_NAMES, type RecipeName } from "../engine/generators/recipes";
import { registryProblem } from "../engine/choices";
import { detectKind } from "../engine/kinds";
import { GOAL_TITLES, parseGoal, refine, REFINE_GOALS } from "../engine/refine";
import { reviewFile } from "../engine/review";
import { applyEdits } from "../engine/text";
import { loadConfig, UsageError } from "./config";
import { nodeFs, toPosix } from "./nodeFs";

export interface InitIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const EXIT_OK = 0;
const EXIT_SKIPPED = 1;
const EXIT_USAGE = 2;

export const INIT_HELP = `Usage: shipshape init <generator> [options]

Generators:
  dockerfile     multi-stage Dockerfile (+ .dockerignore, optionally compose.yml + compose.override.yml)
  dagster        Dagster stack: Postgres, code server, webserver, daemon, dagster.yaml, workspace.yaml, dev override,
                 and the project's web app when it has one (--no-app leaves it out)
  recipes        compose.yml plus one compose.<recipe>.yml per recipe
  dockerignore   .dockerignore
  config         .shipshape.json from a hadolint or dclint config (see \`shipshape init config --help\`)

Options:
  --dir DIR                 project folder (default: the current folder); nothing is written outside it
  --yes                     write the files (without it: print the plan and the diff, write nothing)
  --force                   overwrite files that exist and differ (never without it)
  --merge                   add the missing entries to an existing .dockerignore, keeping its lines and comments
  --flavour slim|hardened|distroless   base image family (default slim)
  --registry HOST           registry of the hardened images (default dhi.io)
  --dev-stage               add a dev stage (dockerfile)
  --compose                 also write compose.yml + compose.override.yml (dockerfile)
  --recipes a,b,…           ${RECIPE_NAMES.join(", ")} (recipes)
  --makefile                also write a Makefile for the stack (compose.just when the project uses just) (recipes)
  --dev                     also write compose-dev.yml: source mount, reload, debug logs, host UID/GID (recipes)
  --no-app                  leave the project's web app out of the stack (dagster; it is in by default when found)

Exit codes: 0 done (or planned), 1 some files exist and were skipped (use --force), 2 usage error.
`;

interface InitArgs {
  generator: GeneratorName;
  dir: string;
  yes: boolean;
  force: boolean;
  /** Merge the generated entries into an existing `.dockerignore` (its lines and comments kept). */
  merge: boolean;
  options: GenerateOptions;
}

function parseInitArgs(argv: readonly string[]): InitArgs | "help" {
  let generator: GeneratorName | undefined;
  const args: Omit<InitArgs, "generator"> = { dir: ".", yes: false, force: false, merge: false, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    if (raw === "--help" || raw === "-h") return "help";
    const eq = raw.indexOf("=");
    const name = raw.startsWith("--") && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith("--") && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case "--dir":
        args.dir = value();
        break;
      case "--yes":
      case "-y":
        args.yes = true;
        break;
      case "--force":
        args.force = true;
        break;
      case "--merge":
        args.merge = true;
        break;
      case "--flavour":
      case "--flavor": {
        const v = value();
        if (!(BASE_FLAVOURS as readonly string[]).includes(v)) throw new UsageError(`--flavour must be one of ${BASE_FLAVOURS.join(", ")}`);
        args.options.flavour = v as BaseFlavour;
        break;
      }
      case "--registry": {
        const v = value();
        const problem = registryProblem(v);
        if (problem !== undefined) throw new UsageError(`--registry ${v}: ${problem}`);
        args.options.registry = v.trim();
        break;
      }
      case "--dev-stage":
        args.options.devStage = true;
        break;
      case "--compose":
        args.options.compose = true;
        break;
      case "--makefile":
        args.options.makefile = true;
        break;
      case "--dev":
        args.options.dev = true;
        break;
      case "--app":
        args.options.app = true;
        break;
      case "--no-app":
        args.options.app = false;
        break;
      case "--recipes": {
        const recipes: RecipeName[] = [];
        for (const part of value()
          .split(",")
          .filter((p) => p.trim() !== "")) {
          const r = parseRecipeName(part);
          if (!r) throw new UsageError(`unknown recipe "${part}" (use ${RECIPE_NAMES.join(", ")})`);
          if (!recipes.includes(r)) recipes.push(r);
        }
        args.options.recipes = recipes;
        break;
      }
      default:
        if (raw.startsWith("-")) throw new UsageError(`unknown option ${raw} for init (see \`shipshape init --help\`)`);
        if (generator !== undefined) throw new UsageError(`one generator at a time (got ${generator} and ${raw})`);
        if (!(GENERATOR_NAMES as readonly string[]).includes(raw))
          throw new UsageError(`unknown generator "${raw}" (use ${GENERATOR_NAMES.join(", ")})`);
        generator = raw as GeneratorName;
    }
  }
  if (generator === undefined) throw new UsageError(`init needs a generator: ${GENERATOR_NAMES.join(", ")}`);
  if (generator === "recipes" && (args.options.recipes ?? []).length === 0) {
    throw new UsageError(`init recipes needs --recipes (some of ${RECIPE_NAMES.join(", ")})`);
  }
  return { generator, ...args };
}

/** Resolves symlinks of the deepest existing ancestor, so a link inside DIR cannot lead the write outside it. */
function realTarget(target: string): string {
  let existing = target;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

export async function runInit(argv: string[], io: InitIo): Promise<number> {
  let args: InitArgs | "help";
  try {
    args = parseInitArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`shipshape init: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (args === "help") {
    io.stdout(INIT_HELP);
    return EXIT_OK;
  }
  const dir = path.resolve(io.cwd, args.dir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    io.stderr(`shipshape init: ${args.dir} is not a folder\n`);
    return EXIT_USAGE;
  }
  const realDir = fs.realpathSync(dir);
  const root = toPosix(realDir);
  const facts = readProjectFacts(nodeFs, root);
  const refusal = generatorRefusal(args.generator, facts);
  if (refusal) {
    io.stderr(`shipshape init ${args.generator}: ${args.dir}: ${refusal}\n`);
    return EXIT_USAGE;
  }
  const files = generate(args.generator, facts, args.options);
  let plan: PlannedFile[];
  try {
    plan = planFiles(nodeFs, root, files);
  } catch (e) {
    io.stderr(`shipshape init: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  for (const p of plan) {
    if (!isInside(realDir, realTarget(path.join(realDir, ...p.path.split("/"))))) {
      io.stderr(`shipshape init: refusing to write ${p.path}: it resolves outside ${args.dir}\n`);
      return EXIT_USAGE;
    }
  }

  io.stdout(
    `${facts.name}: ${facts.platform === "node" ? `Node ${facts.nodeVersion}` : `Python ${facts.pythonVersion}`}, ${facts.packageManager}, ${facts.framework}` +
      `${facts.framework === "node" ? "" : ` (${facts.entry}, port ${facts.port})`}\n`,
  );
  const appNote = args.generator === "dagster" ? dagsterAppNote(facts, args.options) : undefined;
  if (appNote) io.stdout(`  ${appNote}\n`);
  const lock = args.generator === "dockerfile" || args.generator === "dagster" ? lockfileAdvice(facts) : undefined;
  if (lock && !args.yes) io.stdout(`  ${lock}\n`);
  let skipped = 0;
  // --merge: an existing .dockerignore gets the generated entries it lacks (the editor's Merge answer)
  if (args.merge)
    plan = plan.map((p) =>
      p.mergeable
        ? { ...p, contents: p.mergeable.contents, diff: p.mergeable.diff, merged: true }
        : p.action === "conflict" && isMergeableFile(p.path)
          ? { ...p, action: "unchanged" as const }
          : p,
    );
  for (const p of plan) {
    const target = path.join(realDir, ...p.path.split("/"));
    if (p.action === "unchanged") {
      io.stdout(`  unchanged  ${p.path}\n`);
      continue;
    }
    if (p.action === "conflict" && !args.force && !p.merged) {
      skipped++;
      io.stdout(
        `  exists     ${p.path} (differs; ${args.yes ? "skipped" : "would be skipped"}, --force overwrites${p.mergeable ? ", --merge adds the missing entries" : ""})\n`,
      );
      if (!args.yes) io.stdout(indent(p.diff));
      continue;
    }
    const verb = p.action === "create" ? "create" : p.merged ? "add to" : "overwrite";
    if (!args.yes) {
      io.stdout(`  ${verb.padEnd(9)}  ${p.path}${p.action === "create" ? ` (${p.contents.split("\n").length - 1} lines)` : ""}\n`);
      if (p.action === "conflict") io.stdout(indent(p.diff));
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, p.contents);
    io.stdout(`  ${p.action === "create" ? "created  " : p.merged ? "added to " : "overwrote"}  ${p.path}\n`);
  }
  if (!args.yes) io.stdout("\nNothing written: run again with --yes to write these files.\n");
  else for (const step of nextSteps(args.generator, facts, args.options)) io.stdout(`\n${step}`);
  if (args.yes) io.stdout("\n");
  return skipped > 0 && args.yes ? EXIT_SKIPPED : EXIT_OK;
}

function indent(diff: string): string {
  if (diff === "") return "";
  return (
    diff
      .split("\n")
      .filter((l, i, a) => !(l === "" && i === a.length - 1))
      .map((l) => `      ${l}`)
      .join("\n") + "\n"
  );
}

function readTarget(file: string, io: InitIo): { abs: string; text: string } | number {
  const abs = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8").replace(/^\uFEFF/, "");
  } catch {
    io.stderr(`shipshape: cannot read ${file}\n`);
    return EXIT_USAGE;
  }
  if (!detectKind(toPosix(abs))) {
    io.stderr(`shipshape: ${file} is not a Dockerfile, compose file or .dockerignore\n`);
    return EXIT_USAGE;
  }
  return { abs, text };
}

/** `shipshape review FILE [--config FILE]`: prints the Markdown review; exit 1 when something is critical. */
export async function runReview(argv: string[], io: InitIo): Promise<number> {
  const files = argv.filter((a) => !a.startsWith("--"));
  const configIndex = argv.indexOf("--config");
  const configFile = configIndex >= 0 ? argv[configIndex + 1] : undefined;
  const file = files.find((f) => f !== configFile);
  if (argv.includes("--help") || file === undefined) {
    (file === undefined && !argv.includes("--help") ? io.stderr : io.stdout)("Usage: shipshape review FILE [--config FILE]\n");
    return argv.includes("--help") ? EXIT_OK : EXIT_USAGE;
  }
  const target = readTarget(file, io);
  if (typeof target === "number") return target;
  let config;
  try {
    config = loadConfig(io.cwd, configFile).configFor(target.abs);
  } catch (e) {
    io.stderr(`shipshape: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  const review = reviewFile({ path: toPosix(target.abs), text: target.text, fs: nodeFs, config });
  io.stdout(review.markdown + "\n");
  return review.critical.length + review.startFailures.length > 0 ? 1 : EXIT_OK;
}

/**
 * `shipshape refine FILE --goal smaller-image|faster-builds|security|production [--yes]`: makes the goal's larger
 * changes (builder/runtime split, manifests first, secret mounts) and applies every safe fix of the goal's rule
 * categories. Without `--yes` it prints the diff and writes nothing.
 */
export async function runRefine(argv: string[], io: InitIo): Promise<number> {
  let goalText: string | undefined;
  let configFile: string | undefined;
  let yes = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--goal") goalText = argv[++i];
    else if (a.startsWith("--goal=")) goalText = a.slice(7);
    else if (a === "--config") configFile = argv[++i];
    else if (a === "--yes" || a === "-y") yes = true;
    else if (a === "--help" || a === "-h") {
      io.stdout(`Usage: shipshape refine FILE --goal ${REFINE_GOALS.join("|")} [--yes] [--config FILE]\n`);
      return EXIT_OK;
    } else positional.push(a);
  }
  const goal = goalText === undefined ? undefined : parseGoal(goalText);
  const file = positional[0];
  if (file === undefined || goal === undefined) {
    io.stderr(`Usage: shipshape refine FILE --goal ${REFINE_GOALS.join("|")} [--yes] [--config FILE]\n`);
    return EXIT_USAGE;
  }
  const target = readTarget(file, io);
  if (typeof target === "number") return target;
  let config;
  try {
    config = loadConfig(io.cwd, configFile).configFor(target.abs);
  } catch (e) {
    io.stderr(`shipshape: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  const result = refine({ path: toPosix(target.abs), text: target.text, fs: nodeFs, config, goal });
  if (result.wouldNotStart) {
    io.stdout(`${GOAL_TITLES[goal]}: the safe fixes would stop the container from starting, so none is applied:\n`);
    for (const f of result.wouldNotStart) io.stdout(`  ${f.message}\n`);
  }
  for (const c of result.goalChanges) io.stdout(`${GOAL_TITLES[goal]}: ${c.title} (${c.ruleId})\n`);
  if (result.advice.length > 0) {
    io.stdout(`${result.advice.length} change(s) for this goal are left to you (not applied):\n`);
    for (const a of result.advice) io.stdout(`  ${a.line !== undefined ? `line ${a.line}: ` : ""}${a.title}: ${a.message} (${a.ruleId})\n`);
  }
  // the safe fixes on top of the goal's changes (a count of none only when nothing else was done either)
  if (result.applied.length > 0 || result.goalChanges.length === 0)
    io.stdout(`${GOAL_TITLES[goal]}: ${result.applied.length} safe fix${result.applied.length === 1 ? "" : "es"}\n`);
  for (const a of result.applied) io.stdout(`  line ${a.line}: ${a.title} (${a.ruleId})\n`);
  if (result.output !== target.text) io.stdout(indent(unifiedDiff(target.text, result.output, `a/${file}`, `b/${file}`)));
  for (const change of result.changes) {
    io.stdout(`  ${change.create !== undefined ? "create" : "edit"} ${change.path}\n`);
    // a new file is shown whole, as the diff of the file it changes is
    if (change.create !== undefined) io.stdout(indent(unifiedDiff("", change.create, "/dev/null", `b/${path.basename(change.path)}`)));
  }
  if (result.remaining.length > 0) {
    io.stdout(`${result.remaining.length} finding(s) for this goal need a decision (no safe fix):\n`);
    for (const f of result.remaining) io.stdout(`  line ${f.range.start.line + 1}: ${f.message} (${f.ruleId})\n`);
  }
  if (!yes) {
    if (result.changed || result.changes.length) io.stdout("Nothing written: run again with --yes to apply.\n");
    return EXIT_OK;
  }
  if (result.changed) fs.writeFileSync(target.abs, result.output);
  const base = path.dirname(target.abs);
  for (const change of result.changes) {
    const abs = path.resolve(change.path);
    if (!isInside(base, abs)) continue;
    if (change.create !== undefined && !fs.existsSync(abs)) fs.writeFileSync(abs, change.create);
    else if (change.edits && fs.existsSync(abs)) fs.writeFileSync(abs, applyEdits(fs.readFileSync(abs, "utf8"), change.edits));
  }
  return EXIT_OK;
}
