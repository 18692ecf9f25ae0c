import { version as packageVersion } from "../../../package.json";
import { allRules } from "../engine/rules";
import { FORMATS, parseLintArgs } from "./args";
import { UsageError, loadConfig } from "./config";
import { discoverFiles } from "./discover";
import { countFindings, relativeFile, toDisplay, type DisplayUnreadable } from "./format/display";
import { formatJson } from "./format/json";
import { formatSarif } from "./format/sarif";
import { formatStylish } from "./format/stylish";
import { runInit, runRefine, runReview } from "./init";
import { runLint } from "./lintRun";
import { formatRulesTable, ruleListing } from "./rulesCommand";

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  env?: Record<string, string | undefined>;
}

export const VERSION: string = packageVersion;

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** Some path could not be read (the same code as a usage error: the run did not check what it was asked to). */
export const EXIT_UNREADABLE = 2;

const HELP = `Shipshape ${VERSION} — Dockerfile and Docker Compose practices, as a linter.

Usage:
  shipshape lint [paths…] [options]   lint Dockerfiles, compose files and .dockerignore files
  shipshape rules [--json]            list the rules
  shipshape init <generator> [options] write files from a generator (see \`shipshape init --help\`)
  shipshape review FILE               a review of one file: Critical / Improvements / Good (Markdown)
  shipshape refine FILE --goal G      apply every safe fix for smaller-image|faster-builds|security|production (--yes writes)
  shipshape --help | --version
  shipshape-language-server --stdio   the language server, for any LSP editor

Lint options:
  -f, --format stylish|json|sarif     output format (default stylish)
      --fix                           apply safe fixes, then report what remains
  -c, --config FILE                   rule settings (default: .shipshape.json at the repository root)
      --exit-zero                     exit 0 even when errors remain
      --max-warnings N                exit 1 when there are more than N warnings
      --color / --no-color            force colours on or off (default: on for a terminal)

Folders are searched for Dockerfile*, *.dockerfile, Containerfile, compose*.y(a)ml, docker-compose*.y(a)ml
and .dockerignore, skipping what .gitignore ignores, node_modules and .git, and templates (Dockerfile.template,
files with Jinja/cookiecutter {{ }} or {% %} markup; named on the command line they are linted).

Exit codes: 0 no error-level finding remains, 1 errors remain (or too many warnings), 2 usage or config error,
or some path could not be read (each is named with the reason; the rest is still linted; --exit-zero does
not hide it).
`;

/** The whole CLI as a function, so tests run it in-process. Returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      (command === undefined ? io.stderr : io.stdout)(HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (command === "lint") return runLintCommand(rest, io);
    if (command === "rules") return runRulesCommand(rest, io);
    if (command === "init") return await runInit([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    if (command === "review") return await runReview([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    if (command === "refine") return await runRefine([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    throw new UsageError(`unknown command "${command}" (use lint, rules, init, review or refine; see \`shipshape --help\`)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`shipshape: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function runRulesCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout("Usage: shipshape rules [--json]\n");
    return EXIT_OK;
  }
  const unknown = argv.filter((a) => a !== "--json");
  if (unknown.length) throw new UsageError(`rules: unexpected ${unknown.join(" ")} (only --json)`);
  const rules = ruleListing();
  io.stdout(argv.includes("--json") ? JSON.stringify(rules, null, 2) + "\n" : formatRulesTable(rules));
  return EXIT_OK;
}

function runLintCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const args = parseLintArgs(argv);
  const { config } = loadConfig(io.cwd, args.config);
  const discovery = discoverFiles(args.paths, io.cwd);
  for (const u of discovery.unsupported) {
    io.stderr(`shipshape: ${u} is not a Dockerfile, compose file or .dockerignore (by its name); skipped\n`);
  }
  if (discovery.templates.length) io.stderr(templatesNote(discovery.templates, io.cwd));

  const { reports, fixes } = runLint(discovery.files, { config, fix: args.fix });

  for (const [file, count] of fixes.changed) io.stderr(`fixed ${relativeFile(io.cwd, file)} (${count} ${count === 1 ? "fix" : "fixes"})\n`);
  for (const file of fixes.created) io.stderr(`created ${relativeFile(io.cwd, file)}\n`);
  for (const r of reports) {
    for (const e of r.ruleErrors) io.stderr(`shipshape: rule ${e.ruleId} failed on ${relativeFile(io.cwd, r.path)}: ${e.message}\n`);
  }

  const unreadable: DisplayUnreadable[] = [
    ...discovery.unreadable,
    ...reports.flatMap((r) => (r.unreadable === undefined ? [] : [{ path: r.path, reason: r.unreadable }])),
  ].map((u) => ({ file: relativeFile(io.cwd, u.path), reason: u.reason }));
  for (const u of unreadable) io.stderr(`shipshape: could not read ${u.file}: ${u.reason}\n`);
  const linted = reports.filter((r) => r.unreadable === undefined);

  const findings = toDisplay(linted, io.cwd);
  if (args.format === "json") io.stdout(formatJson(findings, unreadable));
  else if (args.format === "sarif") io.stdout(formatSarif(findings, allRules, VERSION, unreadable));
  else io.stdout(formatStylish(findings, { color: args.color ?? useColor(io), fileCount: linted.length, unreadable }));

  // a gate must not pass on files that were never read
  if (unreadable.length) return EXIT_UNREADABLE;
  if (args.exitZero) return EXIT_OK;
  const counts = countFindings(findings);
  if (counts.error > 0) return EXIT_FINDINGS;
  if (args.maxWarnings !== undefined && counts.warning > args.maxWarnings) {
    io.stderr(`shipshape: ${counts.warning} warnings (more than --max-warnings ${args.maxWarnings})\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** One note for every template file a folder walk left out (the first few named), never one line per file. */
export function templatesNote(templates: readonly string[], cwd: string): string {
  const shown = templates.slice(0, 3).map((t) => relativeFile(cwd, t));
  const more = templates.length > shown.length ? ` and ${templates.length - shown.length} more` : "";
  const what = templates.length === 1 ? "1 template file" : `${templates.length} template files`;
  return `shipshape: skipped ${what} (a .template name or Jinja {{ }} / {% %} markup; lint the rendered file, or name a file to lint it anyway): ${shown.join(", ")}${more}\n`;
}

function useColor(io: CliIo): boolean {
  const env = io.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}

export { FORMATS };
