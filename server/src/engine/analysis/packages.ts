/**
 * Package-manager command analysis for Dockerfile rules: apt-get / apt / aptitude, apk, pip (pip, pip3,
 * pipx, `python -m pip`), npm and gem.
 *
 * Stable exports (other rules import them; add, don't change):
 * - `commandName(cmd)`            the program a shell command runs (wrappers like sudo/env skipped)
 * - `parseArgs(words, valueFlags)` flags (with their values) and operands of a command line
 * - `aptInstall`, `apkAdd`, `pipInstall`, `npmInstall`, `gemInstall`
 *                                 recognise an install command and return its flags and package operands
 * - `isAptUpdate`, `removesAptLists`
 * - `aptPinned`, `apkPinned`, `pipPinned`, `npmPinned`, `gemPinned`
 *                                 does a package operand name a version (or a file/URL that fixes one)?
 * - `hasVariable(word)`           an operand we cannot judge statically (`$PKG`)
 *
 * Package operands keep their `ShellWord` (value without quotes + document offsets) so rules can put
 * ranges and fixes on them. Matching follows hadolint's specs where they exist (see each function).
 */
import { programOf, type ShellCommand, type ShellWord } from "../model/shell";
import { objectMemo } from "../memo";

/** A flag as written: `-y`, `--yes`, `--opt=value`, `-t release`; short clusters (`-yq`) give one entry per letter. */
export interface ParsedFlag {
  /** Name without dashes: `y`, `no-install-recommends`, `o`. */
  name: string;
  /** The value given inline (`--x=v`, `-q=2`, `-tfoo`) or in the next word (for value-taking flags). */
  value?: string;
  /** The word holding the flag. */
  word: ShellWord;
  /** The separate word holding the value, when there is one. */
  valueWord?: ShellWord;
}

export interface ParsedArgs {
  flags: ParsedFlag[];
  /** Arguments that are neither flags nor flag values, in order. */
  operands: ShellWord[];
}

// Shell keywords that can precede a command on the same line (`then apt-get …`, `! grep …`).
const KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{"]);

/** The program a command runs: shell keywords, wrappers (`sudo`, `env` …) and assignments skipped. */
const programCache = objectMemo<ShellCommand, { name: string; index: number } | null>("shipshape.program");

function program(cmd: ShellCommand): { name: string; index: number } | undefined {
  // most commands start with no keyword: programOf's own memo answers them (a second memo on every command doubled
  // what each command carries)
  if (!KEYWORDS.has(cmd.words[0]?.value as string)) return programOf(cmd);
  const cached = programCache.get(cmd);
  if (cached !== undefined) return cached ?? undefined;
  const found = findProgram(cmd);
  programCache.set(cmd, found ?? null);
  return found;
}

function findProgram(cmd: ShellCommand): { name: string; index: number } | undefined {
  let skip = 0;
  while (skip < cmd.words.length && KEYWORDS.has((cmd.words[skip] as ShellWord).value)) skip++;
  if (skip === 0) return programOf(cmd);
  const p = programOf({ ...cmd, words: cmd.words.slice(skip) });
  return p ? { name: p.name, index: p.index + skip } : undefined;
}

/** The program a command runs (basename; shell keywords, `sudo`, `env`, assignments skipped), or undefined for an empty command. */
export function commandName(cmd: ShellCommand): string | undefined {
  return program(cmd)?.name;
}

/** The words after the program (see `commandName`). */
export function commandArgs(cmd: ShellCommand): ShellWord[] {
  const p = program(cmd);
  return p ? cmd.words.slice(p.index + 1) : [];
}

/** The word naming the program (see `commandName`). */
export function commandWord(cmd: ShellCommand): ShellWord | undefined {
  const p = program(cmd);
  return p ? cmd.words[p.index] : undefined;
}

/** No flag takes a value (the default of `parseArgs`; one shared set instead of a new one per call). */
const NO_VALUE_FLAGS: ReadonlySet<string> = new Set();

/**
 * Splits arguments into flags and operands. `valueFlags` names the flags (without dashes) whose value is the
 * next word when not given inline. `--` ends the flags; a lone `-` is an operand.
 */
export function parseArgs(words: readonly ShellWord[], valueFlags: ReadonlySet<string> = NO_VALUE_FLAGS): ParsedArgs {
  const flags: ParsedFlag[] = [];
  const operands: ShellWord[] = [];
  let onlyOperands = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as ShellWord;
    const v = word.value;
    if (onlyOperands || v === "-" || !v.startsWith("-")) {
      operands.push(word);
      continue;
    }
    if (v === "--") {
      onlyOperands = true;
      continue;
    }
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (eq >= 0) flags.push({ name, value: v.slice(eq + 1), word });
      else if (valueFlags.has(name) && i + 1 < words.length) {
        const valueWord = words[++i] as ShellWord;
        flags.push({ name, value: valueWord.value, word, valueWord });
      } else flags.push({ name, word });
      continue;
    }
    // short flags: -y, -yq, -q=2, -tbookworm, -t bookworm
    const body = v.slice(1);
    const eq = body.indexOf("=");
    if (eq > 0) {
      for (const ch of body.slice(0, eq - 1)) flags.push({ name: ch, word });
      flags.push({ name: body[eq - 1] as string, value: body.slice(eq + 1), word });
      continue;
    }
    for (let k = 0; k < body.length; k++) {
      const ch = body[k] as string;
      if (valueFlags.has(ch)) {
        const rest = body.slice(k + 1);
        if (rest) flags.push({ name: ch, value: rest, word });
        else if (i + 1 < words.length) {
          const valueWord = words[++i] as ShellWord;
          flags.push({ name: ch, value: valueWord.value, word, valueWord });
        } else flags.push({ name: ch, word });
        break;
      }
      flags.push({ name: ch, word });
    }
  }
  return { flags, operands };
}

/** True when a flag with any of these names is present. */
export function hasParsedFlag(args: ParsedArgs, ...names: string[]): boolean {
  return args.flags.some((f) => names.includes(f.name));
}

/** True when an operand holds a shell expansion (`$PKG`, `${V}`, `$(…)`, backticks): its value is unknown here. */
export function hasVariable(word: ShellWord | string): boolean {
  const v = typeof word === "string" ? word : word.value;
  return /[$`]/.test(v);
}

/** A recognised install command. */
export interface PackageInstall {
  manager: "apt-get" | "apt" | "aptitude" | "apk" | "pip" | "npm" | "gem";
  cmd: ShellCommand;
  /** The word naming the program (`apt-get`, `pip3`, `python3`). */
  program: ShellWord;
  /** The subcommand word (`install`, `add`, `i`). */
  subcommand: ShellWord;
  args: ParsedArgs;
  /** Package operands, subcommand excluded. */
  packages: ShellWord[];
}

// apt-get options that take a value (apt-get(8)).
const APT_VALUE_FLAGS = new Set(["o", "option", "c", "config-file", "t", "target-release", "default-release", "a", "host-architecture"]);

function installOf(
  cmd: ShellCommand,
  manager: PackageInstall["manager"],
  names: readonly string[],
  subcommands: readonly string[],
  valueFlags: ReadonlySet<string>,
): PackageInstall | undefined {
  const p = program(cmd);
  if (!p || !names.includes(p.name)) return undefined;
  const words = cmd.words.slice(p.index + 1);
  const args = parseArgs(words, valueFlags);
  const sub = args.operands[0];
  if (!sub || !subcommands.includes(sub.value)) return undefined;
  return { manager, cmd, program: cmd.words[p.index] as ShellWord, subcommand: sub, args, packages: args.operands.slice(1) };
}

/**
 * `apt-get install …` (and, with `programs`, `apt install` / `aptitude install`).
 * `-t <release>`, `-o <option>` and other value-taking options are not packages (hadolint DL3008 spec: target-release).
 */
export function aptInstall(
  cmd: ShellCommand,
  programs: readonly ("apt-get" | "apt" | "aptitude")[] = ["apt-get"],
): PackageInstall | undefined {
  const p = program(cmd);
  if (!p || !(programs as readonly string[]).includes(p.name)) return undefined;
  return aptCommand(cmd, p)?.install ?? undefined;
}

/** An apt command's arguments and install, read once per command (several rules ask of every apt command). */
interface AptCommand {
  args: ParsedArgs;
  install: PackageInstall | null;
}
const APT_PROGRAMS: readonly string[] = ["apt-get", "apt", "aptitude"];
const aptCache = objectMemo<ShellCommand, AptCommand>("shipshape.apt");

/** The apt reading of a command whose program is `p` (undefined when it is not apt-get, apt or aptitude). */
function aptCommand(cmd: ShellCommand, p: { name: string; index: number }): AptCommand | undefined {
  if (!APT_PROGRAMS.includes(p.name)) return undefined;
  const kept = aptCache.get(cmd);
  if (kept) return kept;
  const args = parseArgs(cmd.words.slice(p.index + 1), APT_VALUE_FLAGS);
  const sub = args.operands[0];
  const install: PackageInstall | null =
    // `apt-get install -s pkg` (simulate; also `--dry-run` …) only prints what would happen: nothing is installed
    sub && sub.value === "install" && !hasParsedFlag(args, ...APT_SIMULATE_FLAGS)
      ? {
          manager: p.name as PackageInstall["manager"],
          cmd,
          program: cmd.words[p.index] as ShellWord,
          subcommand: sub,
          args,
          packages: args.operands.slice(1),
        }
      : null;
  const answer = { args, install };
  aptCache.set(cmd, answer);
  return answer;
}

/** apt-get(8): `-s`, `--simulate`, `--just-print`, `--dry-run`, `--recon`, `--no-act` perform no action. */
const APT_SIMULATE_FLAGS = ["s", "simulate", "just-print", "dry-run", "recon", "no-act"];

/** `apt update`, `apt-get update` or `aptitude update`: refreshes /var/lib/apt/lists. */
export function isAptUpdate(cmd: ShellCommand): boolean {
  const p = program(cmd);
  return p !== undefined && aptCommand(cmd, p)?.args.operands[0]?.value === "update";
}

/** `rm … /var/lib/apt/lists/*` (or the folder itself), or `apt-get dist-clean` (apt 2.7+): the apt lists are removed. */
export function removesAptLists(cmd: ShellCommand): boolean {
  const p = program(cmd);
  const name = p?.name;
  if (p && (name === "apt-get" || name === "apt") && aptCommand(cmd, p)?.args.operands[0]?.value === "dist-clean") return true;
  if (name !== "rm") return false;
  return parseArgs(commandArgs(cmd)).operands.some((w) => /^\/var\/lib\/apt\/lists(\/(\*|\.\*)?)?\/?$/.test(w.value));
}

/** A Debian package operand is pinned when it names a version (`pkg=1.2*`), a release (`pkg/bookworm`) or a local `.deb`. */
export function aptPinned(pkg: string): boolean {
  return pkg.includes("=") || pkg.includes("/") || pkg.endsWith(".deb");
}

// apk options that take a value (apk(8)): --virtual/-t, --repository/-X, --root/-p, …
const APK_VALUE_FLAGS = new Set(["t", "virtual", "X", "repository", "p", "root", "arch", "keys-dir", "repositories-file", "cache-dir"]);

/** `apk add …`; the `--virtual <name>` and `--repository <url>` values are not packages (hadolint DL3018 spec). */
export function apkAdd(cmd: ShellCommand): PackageInstall | undefined {
  return installOf(cmd, "apk", ["apk"], ["add"], APK_VALUE_FLAGS);
}

/** An Alpine package operand is pinned with `=`, `~`, `>` or `<` (`git~2.52`, `flex=2.6.4-r1`), or is a local `.apk` file. */
export function apkPinned(pkg: string): boolean {
  return /[=~<>]/.test(pkg) || pkg.endsWith(".apk");
}

// pip / pipx options that take a value; their values are not requirements (hadolint DL3013 spec).
const PIP_VALUE_FLAGS = new Set([
  "abi",
  "b",
  "build",
  "c",
  "constraint",
  "C",
  "config-settings",
  "cache-dir",
  "cert",
  "client-cert",
  "e",
  "editable",
  "exists-action",
  "extra-index-url",
  "f",
  "find-links",
  "global-option",
  "i",
  "index-url",
  "implementation",
  "log",
  "no-binary",
  "only-binary",
  "pip-args",
  "platform",
  "prefix",
  "progress-bar",
  "proxy",
  "python",
  "python-version",
  "r",
  "requirement",
  "report",
  "retries",
  "root",
  "root-user-action",
  "spec",
  "src",
  "suffix",
  "t",
  "target",
  "timeout",
  "trusted-host",
  "upgrade-strategy",
]);

export interface PipInstall extends PackageInstall {
  /** `-r/--requirement file` or `.`: versions come from a file or the project (not judged). */
  fromRequirements: boolean;
  /** `-c/--constraint file`: versions are constrained elsewhere. */
  constrained: boolean;
}

/**
 * `pip install`, `pip3 install`, `pip3.12 install`, `pipx install`, `python[3] -m pip install` (not pipenv).
 */
export function pipInstall(cmd: ShellCommand): PipInstall | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  const words = cmd.words.slice(p.index + 1);
  let rest: ShellWord[];
  if (/^pip/.test(p.name) && !/^pipenv/.test(p.name)) {
    rest = words;
  } else if (/^python/.test(p.name)) {
    const m = words.findIndex((w, i) => w.value === "-m" && words[i + 1]?.value === "pip");
    if (m < 0) return undefined;
    rest = words.slice(m + 2);
  } else return undefined;
  const args = parseArgs(rest, PIP_VALUE_FLAGS);
  const sub = args.operands[0];
  if (!sub || sub.value !== "install") return undefined;
  const packages = args.operands.slice(1);
  return {
    manager: "pip",
    cmd,
    program: cmd.words[p.index] as ShellWord,
    subcommand: sub,
    args,
    packages,
    fromRequirements: hasParsedFlag(args, "r", "requirement") || packages.some((w) => w.value === "."),
    constrained: hasParsedFlag(args, "c", "constraint"),
  };
}

// pip's VCS schemes (pip docs, "VCS support").
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;

/**
 * A pip requirement is pinned when it has a version specifier (`==`, `>=`, `<`, `!=`, `~=`, `===` …), is a VCS URL
 * with `@<ref>`, a local wheel / sdist (`.whl`, `.tar.gz`), or a path/URL that is not a VCS link.
 */
export function pipPinned(req: string): boolean {
  if (/(===|==|>=|<=|!=|~=|>|<)/.test(req)) return true;
  const vcs = VCS.test(req) || req.startsWith("git+");
  if (vcs) return req.slice(req.indexOf("://") + 3).includes("@");
  if (req.endsWith(".whl") || req.endsWith(".tar.gz")) return true;
  return req.includes("/");
}

// npm options that take a value: their values are not packages (hadolint DL3016 spec: loglevel, registry).
const NPM_VALUE_FLAGS = new Set([
  "loglevel",
  "registry",
  "prefix",
  "cache",
  "userconfig",
  "w",
  "workspace",
  "omit",
  "include",
  "tag",
  "install-strategy",
]);

/** `npm install|i|add <packages>`; `npm install` alone installs from package.json (no packages). */
export function npmInstall(cmd: ShellCommand): PackageInstall | undefined {
  return installOf(cmd, "npm", ["npm"], ["install", "i", "add"], NPM_VALUE_FLAGS);
}

/**
 * An npm package operand is pinned when it names a version or tag after the (scoped) name (`express@4.1.1`,
 * `@org/pkg@1`), a git URL with `#<commit|semver:…>`, a tarball, or a folder.
 */
export function npmPinned(pkg: string): boolean {
  if (/^(git|git\+ssh|git\+https?):\/\//.test(pkg)) return pkg.includes("#");
  if (/\.(tar|tar\.gz|tgz)$/.test(pkg)) return true;
  if (/^(\/|\.\/|\.\.\/|~\/)/.test(pkg)) return true;
  // `@scope/name@version`: the version follows the name, after the scope's slash
  if (pkg.startsWith("@")) {
    const slash = pkg.indexOf("/");
    return slash > 0 && pkg.slice(slash + 1).includes("@");
  }
  return pkg.includes("@");
}

// gem options that take no value; any other option consumes the next word, as hadolint's DL3028 reads it.
const GEM_BOOLEAN_FLAGS = new Set([
  "N",
  "no-document",
  "no-doc",
  "no-ri",
  "no-rdoc",
  "document",
  "user-install",
  "no-user-install",
  "conservative",
  "f",
  "force",
  "no-force",
  "minimal-deps",
  "E",
  "env-shebang",
  "no-env-shebang",
  "pre",
  "prerelease",
  "development",
  "development-all",
  "clear-sources",
  "q",
  "quiet",
  "V",
  "verbose",
  "ignore-dependencies",
  "wrappers",
  "no-wrappers",
  "default",
  "explain",
  "both",
  "l",
  "local",
  "r",
  "remote",
  "b",
  "lock",
  "no-lock",
  "suggestions",
  "no-suggestions",
  "vendor",
  "norc",
  "backtrace",
  "debug",
  "update-sources",
]);

export interface GemInstall extends PackageInstall {
  /** `-v` / `--version`: one version for the gems named. */
  hasVersionFlag: boolean;
}

/** `gem install|i <gems>`; arguments after `--` are build flags, not gems. */
export function gemInstall(cmd: ShellCommand): GemInstall | undefined {
  const p = program(cmd);
  if (!p || p.name !== "gem") return undefined;
  const words = cmd.words.slice(p.index + 1);
  const operands: ShellWord[] = [];
  const flags: ParsedFlag[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as ShellWord;
    if (w.value === "--") break;
    if (w.value.startsWith("-") && w.value !== "-") {
      const name = w.value.replace(/^--?/, "").replace(/=.*$/, "");
      const inline = w.value.includes("=");
      if (!inline && !GEM_BOOLEAN_FLAGS.has(name) && i + 1 < words.length) {
        const valueWord = words[++i] as ShellWord;
        flags.push({ name, value: valueWord.value, word: w, valueWord });
      } else flags.push({ name, word: w, value: inline ? w.value.slice(w.value.indexOf("=") + 1) : undefined });
      continue;
    }
    operands.push(w);
  }
  const sub = operands[0];
  if (!sub || (sub.value !== "install" && sub.value !== "i")) return undefined;
  const args: ParsedArgs = { flags, operands };
  return {
    manager: "gem",
    cmd,
    program: cmd.words[p.index] as ShellWord,
    subcommand: sub,
    args,
    packages: operands.slice(1),
    hasVersionFlag: hasParsedFlag(args, "v", "version"),
  };
}

/** A gem operand is pinned as `name:version`. */
export function gemPinned(gem: string): boolean {
  return gem.includes(":");
}
