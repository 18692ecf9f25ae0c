import { UsageError } from "./config";

export type Format = "stylish" | "json" | "sarif";
export const FORMATS: readonly Format[] = ["stylish", "json", "sarif"];

export interface LintArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  config: string | undefined;
  exitZero: boolean;
  maxWarnings: number | undefined;
  color: boolean | undefined;
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
      default:
        throw new UsageError(`unknown option ${name} (see \`shipshape lint --help\`)`);
    }
  }
  return args;
}
