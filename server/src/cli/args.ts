import { FAILURE_THRESHOLDS, readFailureThreshold, type FailureThreshold } from "../engine/config";
import type { SeverityOrOff } from "../engine/types";
import { SEVERITIES } from "../engine/types";
import { UsageError } from "./config";

export type Format = "stylish" | "json" | "sarif" | "github" | "checkstyle" | "junit" | "gitlab" | "codeclimate";
export const FORMATS: readonly Format[] = ["stylish", "json", "sarif", "github", "checkstyle", "junit", "gitlab", "codeclimate"];

export interface LintArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  config: string | undefined;
  exitZero: boolean;
  maxWarnings: number | undefined;
  color: boolean | undefined;
  /** The name standard input (`-`) is linted as: kind, config and neighbour files come from it. */
  stdinFilename: string | undefined;
  /** `--rule ID=severity` and `--ignore ID` (which is `ID=off`), in order; ids may be peer ids like DL3008. */
  ruleOverrides: { id: string; severity: SeverityOrOff }[];
  failureThreshold: FailureThreshold | undefined;
  /** Errors only. */
  quiet: boolean;
  outputFile: string | undefined;
  /** Record today's findings in the baseline file instead of failing on them. */
  writeBaseline: boolean;
  /** The baseline file (default `.shipshape-baseline.json` in the working directory). */
  baseline: string | undefined;
  /** Ignore the baseline file: report everything. */
  noBaseline: boolean;
}

/** `lint` options; `--opt=value` and `--opt value` both work, `--` ends the options. */
export function parseLintArgs(argv: readonly string[]): LintArgs {
  const args: LintArgs = {
    paths: [],
    format: "stylish",
    fix: false,
    config: undefined,
    exitZero: false,
    maxWarnings: undefined,
    color: undefined,
    stdinFilename: undefined,
    ruleOverrides: [],
    failureThreshold: undefined,
    quiet: false,
    outputFile: undefined,
    writeBaseline: false,
    baseline: undefined,
    noBaseline: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    if (raw === "--") {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!raw.startsWith("-") || raw === "-") {
      args.paths.push(raw);
      continue;
    }
    const eq = raw.indexOf("=");
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      return true;
    };
    switch (name) {
      case "--format":
      case "-f": {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (use ${FORMATS.join(", ")})`);
        args.format = f as Format;
        break;
      }
      case "--fix":
        args.fix = flag();
        break;
      case "--config":
      case "-c":
        args.config = value();
        break;
      case "--exit-zero":
        args.exitZero = flag();
        break;
      case "--max-warnings": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, got "${v}"`);
        args.maxWarnings = Number(v);
        break;
      }
      case "--color":
        args.color = flag();
        break;
      case "--no-color":
        flag();
        args.color = false;
        break;
      case "--stdin-filename":
        args.stdinFilename = value();
        break;
      case "--rule": {
        // `--rule ID=severity`: the value itself has an `=`, so `--rule=ID=severity` splits at the first one
        const v = value();
        const at = v.lastIndexOf("=");
        const id = v.slice(0, at).trim();
        const severity = v.slice(at + 1).trim();
        if (at <= 0 || !id) throw new UsageError(`--rule needs ID=severity, got "${v}"`);
        if (!(SEVERITIES as readonly string[]).includes(severity))
          throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITIES.join(", ")}, got "${severity}"`);
        args.ruleOverrides.push({ id, severity: severity as SeverityOrOff });
        break;
      }
      case "--ignore":
        for (const id of value().split(",")) if (id.trim()) args.ruleOverrides.push({ id: id.trim(), severity: "off" });
        break;
      case "--failure-threshold":
      case "-t": {
        const v = value();
        const t = readFailureThreshold(v);
        if (!t) throw new UsageError(`--failure-threshold must be one of ${FAILURE_THRESHOLDS.join(", ")}, got "${v}"`);
        args.failureThreshold = t;
        break;
      }
      case "--quiet":
      case "-q":
        args.quiet = flag();
        break;
      case "--output-file":
      case "-o":
        args.outputFile = value();
        break;
      case "--write-baseline":
        args.writeBaseline = flag();
        break;
      case "--baseline":
        args.baseline = value();
        break;
      case "--no-baseline":
        args.noBaseline = flag();
        break;
      default:
        throw new UsageError(`unknown option ${name} (see \`shipshape lint --help\`)`);
    }
  }
  if (args.stdinFilename !== undefined && !args.paths.includes("-")) args.paths.push("-");
  if (args.paths.includes("-")) {
    if (args.paths.length > 1) throw new UsageError("standard input (-) cannot be linted together with other paths");
    if (args.fix) throw new UsageError("--fix cannot write back to standard input");
    if (args.writeBaseline) throw new UsageError("--write-baseline needs files, not standard input");
  }
  if (args.writeBaseline && args.noBaseline) throw new UsageError("--write-baseline and --no-baseline contradict each other");
  return args;
}
