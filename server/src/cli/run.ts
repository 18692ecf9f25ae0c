import * as fs from "node:fs";
import * as path from "node:path";
import { version as packageVersion } from "../../../package.json";
import { ruleDocMarkdown, ruleDocUrl, ruleTableMarkdown } from "../engine/docs";
import { BASELINE_FILE_NAME, BaselineMatcher, createBaseline, parseBaseline, serializeBaseline } from "../engine/baseline";
import type { FailureThreshold, RuleSetting, ShipshapeConfig } from "../engine/config";
import { detectKind } from "../engine/kinds";
import { resolveRuleIds } from "../engine/migrate";
import { allRules } from "../engine/rules";
import type { Severity } from "../engine/types";
import { FORMATS, parseLintArgs, type Format, type LintArgs } from "./args";
import { UsageError, loadConfig } from "./config";
import { discoverFiles } from "./discover";
import { formatCheckstyle } from "./format/checkstyle";
import { formatCodeClimate, formatGitlab } from "./format/codeclimate";
import { countFindings, relativeFile, toDisplay, type DisplayFinding, type DisplayUnreadable } from "./format/display";
import { formatGithub } from "./format/github";
import { formatJson } from "./format/json";
import { formatJunit } from "./format/junit";
import { formatSarif } from "./format/sarif";
import { formatStylish } from "./format/stylish";
import { runInit, runRefine, runReview } from "./init";
import { runInitConfig } from "./initConfig";
import { runLint, type FileReport, type LintTarget } from "./lintRun";
import { toPosix } from "./nodeFs";
import { formatRulesTable, markdownForTerminal, ruleListing } from "./rulesCommand";

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  env?: Record<string, string | undefined>;
  /** All of standard input, decoded (for `shipshape lint -`). */
  stdin?: () => Promise<string>;
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
  shipshape lint - --stdin-filename Dockerfile   lint standard input as that file
  shipshape explain <rule>            a rule's documentation in the terminal (a hadolint/dclint id works too)
  shipshape rules [--format table|json|markdown]   list the rules (--json is --format json)
  shipshape init <generator> [options] write files from a generator (see \`shipshape init --help\`)
  shipshape init config --from hadolint|dclint   write .shipshape.json from a hadolint or dclint config
  shipshape review FILE               a review of one file: Critical / Improvements / Good (Markdown)
  shipshape refine FILE --goal G      refine for smaller-image|faster-builds|security|production: shows a diff (--yes writes)
  shipshape --help | --version
  shipshape-language-server --stdio   the language server, for any LSP editor

Lint options:
  -f, --format FORMAT                 stylish (default), json, sarif, github, checkstyle, junit, gitlab, codeclimate
  -o, --output-file FILE              write the report to FILE instead of standard output
      --fix                           apply safe fixes, then report what remains
  -c, --config FILE                   rule settings (default: .shipshape.json at the repository root; without one,
                                      .hadolint.yaml and .dclintrc are read and translated)
      --rule ID=SEVERITY              set a rule's severity (error, warning, info, hint, off); repeatable
      --ignore ID[,ID…]               turn rules off; repeatable. IDs may be hadolint/dclint ids (DL3008)
  -t, --failure-threshold LEVEL       exit 1 when a finding at LEVEL or above remains: error (default), warning,
                                      info, hint, none (hadolint's style and ignore work too)
  -q, --quiet                         report errors only
      --stdin-filename NAME           with \`-\`: the name (and place) standard input is linted as (default Dockerfile)
      --write-baseline                record every current finding in .shipshape-baseline.json; later runs
                                      report (and fail on) new findings only
      --baseline FILE                 the baseline file (default .shipshape-baseline.json in the current folder)
      --no-baseline                   report findings the baseline accepts too
      --exit-zero                     exit 0 even when errors remain
      --max-warnings N                exit 1 when there are more than N warnings
      --color / --no-color            force colours on or off (default: on for a terminal)

Folders are searched for Dockerfile*, *.dockerfile, Containerfile, compose*.y(a)ml, docker-compose*.y(a)ml
and .dockerignore, skipping what .gitignore ignores, node_modules and .git, and templates (Dockerfile.template,
files with Jinja/cookiecutter {{ }} or {% %} markup; named on the command line they are linted).

Exit codes: 0 nothing at the failure threshold remains, 1 findings at or above it remain (or too many
warnings), 2 usage or config error, or some path could not be read (each is named with the reason; the rest is
still linted; --exit-zero does not hide it).
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
    if (command === "lint") return await runLintCommand(rest, io);
    if (command === "rules") return runRulesCommand(rest, io);
    if (command === "explain") return runExplainCommand(rest, io);
    if (command === "init" && rest[0] === "config")
      return runInitConfig(rest.slice(1), { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    if (command === "init") return await runInit([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    if (command === "review") return await runReview([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    if (command === "refine") return await runRefine([...rest], { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    throw new UsageError(`unknown command "${command}" (use lint, rules, explain, init, review or refine; see \`shipshape --help\`)`);
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
    io.stdout("Usage: shipshape rules [--format table|json|markdown] (--json is --format json)\n");
    return EXIT_OK;
  }
  let format = "table";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") format = "json";
    else if (a === "--format" || a === "-f" || a.startsWith("--format=")) {
      const v = a.startsWith("--format=") ? a.slice("--format=".length) : argv[++i];
      if (v !== "table" && v !== "json" && v !== "markdown") throw new UsageError(`rules: --format must be table, json or markdown`);
      format = v;
    } else throw new UsageError(`rules: unexpected ${a} (only --format table|json|markdown)`);
  }
  const rules = ruleListing();
  if (format === "json") io.stdout(JSON.stringify(rules, null, 2) + "\n");
  else if (format === "markdown") io.stdout(ruleTableMarkdown(allRules, ruleDocUrl) + "\n");
  else io.stdout(formatRulesTable(rules));
  return EXIT_OK;
}

/** `shipshape explain <rule>`: the rule's documentation page; a peer id (DL3008) explains the rules that cover it. */
function runExplainCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes("--help") || argv.includes("-h") || argv.length === 0) {
    (argv.length === 0 ? io.stderr : io.stdout)("Usage: shipshape explain <rule-id | hadolint or dclint id> [--markdown]\n");
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const markdown = argv.includes("--markdown");
  const ids = argv.filter((a) => a !== "--markdown");
  const unknownFlag = ids.find((a) => a.startsWith("-"));
  if (unknownFlag) throw new UsageError(`explain: unknown option ${unknownFlag}`);
  const pages: string[] = [];
  for (const id of ids) {
    const found = resolveRuleIds(id);
    if (found.length === 0) {
      const near = allRules.map((r) => r.meta.id).filter((r) => r.includes(id.toLowerCase().replace(/^.*\//, "")));
      throw new UsageError(`explain: no rule ${id}${near.length ? ` (did you mean ${near.slice(0, 3).join(", ")}?)` : ""}`);
    }
    for (const ruleId of found) {
      const rule = allRules.find((r) => r.meta.id === ruleId);
      if (rule) pages.push(ruleDocMarkdown(rule.meta) + `\nOnline: ${ruleDocUrl(ruleId)}\n`);
    }
  }
  const text = pages.join("\n");
  io.stdout(markdown ? text : markdownForTerminal(text, useColor(io)));
  return EXIT_OK;
}

async function runLintCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const args = parseLintArgs(argv);
  const loaded = loadConfig(io.cwd, args.config);
  if (loaded.migratedFrom) {
    const names = loaded.migratedFrom.map((f) => relativeFile(io.cwd, f)).join(" and ");
    io.stderr(
      `shipshape: no .shipshape.json; using the settings of ${names}, translated (\`shipshape init config --from hadolint|dclint\` writes them down)\n`,
    );
  }
  const config = withRuleOverrides(loaded.config, args.ruleOverrides);
  const configFor = (file: string) => withRuleOverrides(loaded.configFor(file), args.ruleOverrides);

  let targets: LintTarget[];
  const notRead: { path: string; reason: string }[] = [];
  if (args.paths.includes("-")) {
    const name = args.stdinFilename ?? "Dockerfile";
    const file = toPosix(path.resolve(io.cwd, name));
    const kind = detectKind(file);
    if (!kind) throw new UsageError(`--stdin-filename ${name}: not a Dockerfile, compose file or .dockerignore name`);
    if (!io.stdin) throw new UsageError("standard input is not available");
    targets = [{ path: file, kind, text: await io.stdin() }];
  } else {
    const discovery = discoverFiles(args.paths, io.cwd);
    notRead.push(...discovery.unreadable);
    for (const u of discovery.unsupported) {
      io.stderr(`shipshape: ${u} is not a Dockerfile, compose file or .dockerignore (by its name); skipped\n`);
    }
    if (discovery.templates.length) io.stderr(templatesNote(discovery.templates, io.cwd));
    targets = discovery.files;
  }

  const { reports, fixes } = runLint(targets, { configFor, fix: args.fix });

  for (const [file, count] of fixes.changed) io.stderr(`fixed ${relativeFile(io.cwd, file)} (${count} ${count === 1 ? "fix" : "fixes"})\n`);
  for (const file of fixes.created) io.stderr(`created ${relativeFile(io.cwd, file)}\n`);
  for (const f of fixes.failures) {
    io.stderr(
      `shipshape: the fix "${f.title}" (${f.ruleId}) did not remove its problem at ${relativeFile(io.cwd, f.path)}:${f.line}; it was not applied\n`,
    );
  }
  for (const r of reports) {
    for (const e of r.ruleErrors) io.stderr(`shipshape: rule ${e.ruleId} failed on ${relativeFile(io.cwd, r.path)}: ${e.message}\n`);
  }

  const unreadable: DisplayUnreadable[] = [
    ...notRead,
    ...reports.flatMap((r) => (r.unreadable === undefined ? [] : [{ path: r.path, reason: r.unreadable }])),
  ].map((u) => ({ file: relativeFile(io.cwd, u.path), reason: u.reason }));
  for (const u of unreadable) io.stderr(`shipshape: could not read ${u.file}: ${u.reason}\n`);
  const linted = reports.filter((r) => r.unreadable === undefined);

  const shown = applyBaseline(linted, args, io);
  let findings = toDisplay(shown, io.cwd);
  if (args.quiet) findings = findings.filter((f) => f.severity === "error");
  const output = formatFindings(args.format, findings, shown, unreadable, args, io);
  if (args.outputFile !== undefined) {
    const out = path.resolve(io.cwd, args.outputFile);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, output);
  } else io.stdout(output);

  // a gate must not pass on files that were never read
  if (unreadable.length) return EXIT_UNREADABLE;
  if (args.exitZero) return EXIT_OK;
  const threshold = args.failureThreshold ?? config.failureThreshold ?? "error";
  const failing = findings.filter((f) => fails(f.severity, threshold)).length;
  if (failing > 0) {
    if (threshold !== "error")
      io.stderr(`shipshape: ${failing} ${failing === 1 ? "finding" : "findings"} at ${threshold} level or above\n`);
    return EXIT_FINDINGS;
  }
  const counts = countFindings(findings);
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

const RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

/** Whether a finding of this severity fails the run at this threshold. */
export function fails(severity: Severity, threshold: FailureThreshold): boolean {
  return threshold !== "none" && RANK[severity] >= RANK[threshold];
}

/** `--rule` and `--ignore` on top of the config file; ids may be peer ids (DL3008), mapped through equivalents. */
function withRuleOverrides(config: ShipshapeConfig, overrides: LintArgs["ruleOverrides"]): ShipshapeConfig {
  if (overrides.length === 0) return config;
  const rules: Record<string, RuleSetting> = { ...(config.rules ?? {}) };
  for (const { id, severity } of overrides) {
    const ids = resolveRuleIds(id);
    if (ids.length === 0) throw new UsageError(`${id}: no such rule, and no rule covers it (see \`shipshape rules\`)`);
    for (const ruleId of ids) {
      const prev = rules[ruleId];
      rules[ruleId] = typeof prev === "object" ? { ...prev, severity } : severity;
    }
  }
  return { ...config, rules };
}

/**
 * With `--write-baseline`, records every finding in the baseline file; otherwise, when a baseline exists, leaves
 * out the findings it accepts and says how many. Returns the reports to show.
 */
function applyBaseline(reports: readonly FileReport[], args: LintArgs, io: CliIo): FileReport[] {
  if (args.noBaseline) return [...reports];
  const file = path.resolve(io.cwd, args.baseline ?? BASELINE_FILE_NAME);
  const dir = toPosix(path.dirname(file));
  const shownName = relativeFile(io.cwd, file);
  if (args.writeBaseline) {
    const baseline = createBaseline(reports, dir);
    fs.writeFileSync(file, serializeBaseline(baseline));
    io.stderr(`shipshape: wrote ${baseline.findings.length} ${baseline.findings.length === 1 ? "finding" : "findings"} to ${shownName}\n`);
  }
  if (!fs.existsSync(file)) {
    if (args.baseline !== undefined) throw new UsageError(`no such baseline file: ${args.baseline}`);
    return [...reports];
  }
  const { baseline, problems } = parseBaseline(fs.readFileSync(file, "utf8"));
  if (problems.length) throw new UsageError(`invalid baseline ${shownName}:\n  ${problems.slice(0, 10).join("\n  ")}`);
  const matcher = new BaselineMatcher(baseline, dir);
  let known = 0;
  const shown = reports.map((r) => {
    const split = matcher.split(r.path, r.text, r.findings);
    known += split.known.length;
    return { ...r, findings: split.fresh };
  });
  if (known > 0 && !args.writeBaseline)
    io.stderr(`shipshape: ${known} known ${known === 1 ? "finding" : "findings"} in ${shownName} not shown (--no-baseline shows them)\n`);
  return shown;
}

function formatFindings(
  format: Format,
  findings: DisplayFinding[],
  reports: readonly FileReport[],
  unreadable: DisplayUnreadable[],
  args: LintArgs,
  io: CliIo,
): string {
  const files = () => reports.map((r) => relativeFile(io.cwd, r.path));
  const categoryOf = (id: string) => allRules.find((r) => r.meta.id === id)?.meta.category;
  switch (format) {
    case "json":
      return formatJson(findings, unreadable);
    case "sarif":
      return formatSarif(findings, allRules, VERSION, unreadable);
    case "github":
      return formatGithub(findings);
    case "checkstyle":
      return formatCheckstyle(findings, files());
    case "junit":
      return formatJunit(findings, files());
    case "gitlab":
      return formatGitlab(findings, categoryOf);
    case "codeclimate":
      return formatCodeClimate(findings, categoryOf);
    case "stylish":
      return formatStylish(findings, {
        color: args.outputFile === undefined && (args.color ?? useColor(io)),
        fileCount: reports.length,
        unreadable,
      });
  }
}

function useColor(io: CliIo): boolean {
  const env = io.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}

export { FORMATS };
