/**
 * How often Shipshape agrees with a peer linter's own test suite, for the peer rules Shipshape claims to cover
 * (the `equivalents` in each rule's metadata).
 *
 *   npx tsx scripts/peer-agreement.ts hadolint <clone of github.com/hadolint/hadolint>
 *   npx tsx scripts/peer-agreement.ts buildkit <clone of github.com/moby/buildkit>
 *   npx tsx scripts/peer-agreement.ts dclint   <clone of github.com/zavoloklom/docker-compose-linter>
 *   … [--json] [--show=<peer rule>] [--defaults]
 *
 * The clone may be a normal checkout or a bare git directory (read at HEAD). Nothing of the peer is copied into
 * this repository: the cases are read from the clone every time.
 *
 * Every Shipshape rule is switched on (rules that are off by default run as warnings) unless `--defaults` is given.
 * A case agrees when:
 * - hadolint (`ruleCatches`/`ruleCatchesNot`, and the ONBUILD variants): one of our equivalent rules fires / none does;
 * - BuildKit (`checkLinterWarnings`): for each claimed check that the peer expects, that we report, or that the test
 *   is about, we report it on exactly the lines `docker build --check` does (or, where the test also lists what
 *   BuildKit reports when every target is checked, on those lines: Shipshape checks every stage);
 * - dclint (`runRuleTest`/`rule.check` with an expected count): we report something exactly when dclint does.
 * Cases that need peer-specific configuration or that the extractor cannot read are counted as skipped.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ShipshapeConfig } from "../server/src/engine/config";
import { lint } from "../server/src/engine/linter";
import { allRules } from "../server/src/engine/rules";
import type { Finding } from "../server/src/engine/types";
import { memoryFs } from "../server/src/engine/workspace";

type Peer = "hadolint" | "buildkit" | "dclint";

interface PeerCase {
  /** Peer rule id without the tool prefix (DL3006, JSONArgsRecommended, no-version-field). */
  rules: string[];
  /** Where the case comes from (file:line), for --show. */
  where: string;
  fileName: string;
  text: string;
  files?: Record<string, string>;
  /** Expected lines (1-based) per peer rule; for fire/no-fire peers the list is [0] or []. */
  expected: Map<string, number[]>;
  /** Another accepted answer per peer rule (BuildKit's warnings when every target is checked). */
  alsoAccepted?: Map<string, number[]>;
  /** Compare lines (BuildKit) or only whether anything fired. */
  byLine: boolean;
  /** The peer rule the test is about, checked even when neither side reports it. */
  subject?: string;
}

interface Extracted {
  cases: PeerCase[];
  skipped: { where: string; why: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the clone

class Source {
  private readonly bare: boolean;
  constructor(private readonly root: string) {
    this.bare = !fs.existsSync(path.join(root, ".git")) && fs.existsSync(path.join(root, "HEAD"));
  }
  list(dir: string): string[] {
    if (this.bare) {
      const out = execFileSync("git", ["--git-dir", this.root, "ls-tree", "-r", "--name-only", "HEAD", dir], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      return out.split("\n").filter(Boolean);
    }
    const result: string[] = [];
    const walk = (rel: string) => {
      const abs = path.join(this.root, rel);
      if (!fs.existsSync(abs)) return;
      for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
        const r = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(r);
        else result.push(r);
      }
    };
    walk(dir);
    return result.sort();
  }
  read(file: string): string {
    if (this.bare)
      return execFileSync("git", ["--git-dir", this.root, "show", `HEAD:${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return fs.readFileSync(path.join(this.root, file), "utf8");
  }
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// hadolint: test/Hadolint/Rule/*Spec.hs

type HsToken = { t: "str" | "id" | "sym"; v: string; at: number };

function hsTokens(src: string): HsToken[] {
  const out: HsToken[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "-" && src[i + 1] === "-") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "{" && src[i + 1] === "-") {
      const end = src.indexOf("-}", i + 2);
      i = end < 0 ? src.length : end + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const at = i;
      let s = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\") {
          const n = src[i + 1] as string;
          if (/\s/.test(n)) {
            // string gap: backslash, white space, backslash
            i += 2;
            while (i < src.length && src[i] !== "\\") i++;
            i++;
            continue;
          }
          const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'", "&": "" };
          if (n in map) {
            s += map[n];
            i += 2;
            continue;
          }
          const num = /^\d+/.exec(src.slice(i + 1, i + 8));
          if (num) {
            s += String.fromCharCode(Number(num[0]));
            i += 1 + num[0].length;
            continue;
          }
          s += n;
          i += 2;
          continue;
        }
        s += src[i];
        i++;
      }
      i++;
      out.push({ t: "str", v: s, at });
      continue;
    }
    const id = /^[A-Za-z_?][A-Za-z0-9_'.]*/.exec(src.slice(i, i + 200));
    if (id) {
      out.push({ t: "id", v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    out.push({ t: "sym", v: c, at: i });
    i++;
  }
  return out;
}

/** A Haskell expression made of string literals: "x", [ "a", "b" ], Text.unlines [...], a let-bound name. */
function hsValue(tokens: HsToken[], k: number, bindings: Map<string, { at: number; value: string }[]>): string | undefined {
  let j = k;
  while (tokens[j]?.t === "sym" && (tokens[j]?.v === "$" || tokens[j]?.v === "(")) j++;
  const tok = tokens[j];
  if (!tok) return undefined;
  if (tok.t === "str") return tok.v;
  if (tok.t === "id" && /^(Text\.)?unlines$/.test(tok.v)) {
    const list = hsList(tokens, j + 1, bindings, tok.at);
    return list === undefined ? undefined : list.map((l) => `${l}\n`).join("");
  }
  if (tok.t === "id") {
    const defs = bindings.get(tok.v)?.filter((d) => d.at < tok.at);
    return defs?.[defs.length - 1]?.value;
  }
  return undefined;
}

function hsList(tokens: HsToken[], j: number, bindings: Map<string, { at: number; value: string }[]>, at: number): string[] | undefined {
  let k = j;
  while (tokens[k]?.t === "sym" && tokens[k]?.v === "$") k++;
  const tok = tokens[k];
  if (!tok) return undefined;
  if (tok.t === "id") {
    const defs = bindings.get(`${tok.v}[]`)?.filter((d) => d.at < at);
    const v = defs?.[defs.length - 1]?.value;
    return v === undefined ? undefined : (JSON.parse(v) as string[]);
  }
  if (tok.v !== "[") return undefined;
  const items: string[] = [];
  for (k++; k < tokens.length; k++) {
    const t = tokens[k] as HsToken;
    if (t.t === "sym" && t.v === "]") return items;
    if (t.t === "sym" && t.v === ",") continue;
    if (t.t === "str") items.push(t.v);
    else return undefined;
  }
  return undefined;
}

function extractHadolint(src: Source): Extracted {
  const cases: PeerCase[] = [];
  const skipped: Extracted["skipped"] = [];
  for (const file of src.list("test/Hadolint/Rule").filter((f) => f.endsWith("Spec.hs"))) {
    const text = src.read(file);
    const tokens = hsTokens(text);
    // let-bound strings and lists: name = "..." / name = [ "...", ... ]
    const bindings = new Map<string, { at: number; value: string }[]>();
    const configs: { at: number; isDefault: boolean }[] = [];
    for (let k = 0; k + 2 < tokens.length; k++) {
      const a = tokens[k] as HsToken;
      const eq = tokens[k + 1] as HsToken;
      if (a.t !== "id" || eq.v !== "=") continue;
      if (a.v === "?config") {
        const next = tokens[k + 2] as HsToken;
        const after = tokens[k + 3];
        configs.push({ at: a.at, isDefault: next.v === "def" && !(after?.t === "sym" && after.v === "{") });
        continue;
      }
      const list = hsList(tokens, k + 2, bindings, a.at + 1);
      if (list) {
        const arr = bindings.get(`${a.v}[]`) ?? [];
        arr.push({ at: a.at, value: JSON.stringify(list) });
        bindings.set(`${a.v}[]`, arr);
        const arr2 = bindings.get(a.v) ?? [];
        arr2.push({ at: a.at, value: list.map((l) => `${l}\n`).join("") });
        bindings.set(a.v, arr2);
        continue;
      }
      const v = hsValue(tokens, k + 2, bindings);
      if (v !== undefined) {
        const arr = bindings.get(a.v) ?? [];
        arr.push({ at: a.at, value: v });
        bindings.set(a.v, arr);
      }
    }
    for (let k = 0; k + 2 < tokens.length; k++) {
      const fn = tokens[k] as HsToken;
      if (fn.t !== "id" || !/^(onBuild)?[rR]uleCatches(Not)?$/.test(fn.v)) continue;
      const code = tokens[k + 1] as HsToken;
      if (code.t !== "str" || !/^(DL|SC)\d{4}$/.test(code.v)) continue;
      const where = `${file}:${lineOf(text, fn.at)}`;
      const conf = configs.filter((c) => c.at < fn.at).pop();
      if (conf && !conf.isDefault) {
        skipped.push({ where, why: "needs a hadolint configuration" });
        continue;
      }
      let body = hsValue(tokens, k + 2, bindings);
      if (body === undefined) {
        skipped.push({ where, why: "expression not understood" });
        continue;
      }
      const onBuild = fn.v.startsWith("onBuild");
      if (onBuild) body = onBuildWrap(body);
      const fires = !fn.v.endsWith("Not");
      cases.push({
        rules: [code.v],
        where,
        fileName: "Dockerfile",
        text: `${body}\n`,
        expected: new Map([[code.v, fires ? [0] : []]]),
        byLine: false,
        subject: code.v,
      });
    }
  }
  return { cases, skipped };
}

/** hadolint's ONBUILD variant: every RUN instruction becomes `ONBUILD RUN`. */
function onBuildWrap(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/^(\s*)(run)(\s)/i, "$1ONBUILD $2$3"))
    .join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// BuildKit: frontend/dockerfile/dockerfile_check_test.go

/** Splits Go call arguments at top-level commas, from just after the opening parenthesis; returns the end too. */
function goArgs(src: string, open: number): { args: string[]; end: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "`") {
      const e = src.indexOf("`", i + 1);
      if (e < 0) return undefined;
      i = e;
      continue;
    }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === "\\") i++;
      continue;
    }
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      if (depth === 0) {
        if (src.slice(start, i).trim()) args.push(src.slice(start, i).trim());
        return { args, end: i + 1 };
      }
      depth--;
    } else if (c === "," && depth === 0) {
      args.push(src.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

/** The Linux value of a simple Go expression: "x", `x`, integration.UnixOrWindows("a", "b"), or a name bound to one. */
function goScalar(expr: string, file: string, before: number, depth = 0): string | undefined {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^"((?:[^"\\]|\\.)*)"$/.exec(e))) return JSON.parse(`"${m[1]}"`) as string;
  if ((m = /^`([^`]*)`$/.exec(e))) return m[1];
  if ((m = /^integration\.UnixOrWindows\(/.exec(e))) {
    const a = goArgs(e, m[0].length);
    return a?.args[0] === undefined ? undefined : goScalar(a.args[0], file, before, depth + 1);
  }
  if (/^[A-Za-z_]\w*$/.test(e) && depth < 4) {
    const defs = [...file.slice(0, before).matchAll(new RegExp(`\\b${e}\\s*:?=\\s*([^\\n]+)`, "g"))];
    const last = defs[defs.length - 1];
    return last ? goScalar(last[1] as string, file, last.index ?? 0, depth + 1) : undefined;
  }
  return undefined;
}

function goFormat(format: string, values: string[]): string | undefined {
  let k = 0;
  let bad = false;
  const out = format.replace(/%([sdqv%])/g, (_, verb: string) => {
    if (verb === "%") return "%";
    const v = values[k++];
    if (v === undefined) bad = true;
    return verb === "q" ? JSON.stringify(v ?? "") : (v ?? "");
  });
  return bad ? undefined : out;
}

function goRawOrString(src: string, at: number): { value: string; end: number } | undefined {
  const fmtCall = /^\s*(?:\[\]byte\(\s*)?fmt\.(?:Appendf\(\s*nil\s*,|Sprintf\()/.exec(src.slice(at, at + 200));
  if (fmtCall) {
    const a = goArgs(src, at + fmtCall[0].length);
    if (!a || a.args.length === 0) return undefined;
    const format = goScalar(a.args[0] as string, src, at);
    const values = a.args.slice(1).map((x) => goScalar(x, src, at));
    if (format === undefined || values.some((v) => v === undefined)) return undefined;
    const value = goFormat(format, values as string[]);
    return value === undefined ? undefined : { value, end: a.end };
  }
  const m = /^\s*(?:\[\]byte\()?\s*/.exec(src.slice(at));
  let i = at + (m ? m[0].length : 0);
  if (src[i] === "`") {
    const end = src.indexOf("`", i + 1);
    if (end < 0) return undefined;
    let value = src.slice(i + 1, end);
    i = end + 1;
    // `...` + "..." concatenations are rare; stop at the literal
    if (/^\s*\+/.test(src.slice(i, i + 10))) return undefined;
    if (/^\s*,/.test(src.slice(i, i + 5))) return undefined; // fmt.Sprintf arguments would follow
    value = value.replace(/\r\n/g, "\n");
    return { value, end: i };
  }
  return undefined;
}

function balanced(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "`") {
      const e = src.indexOf("`", i + 1);
      if (e < 0) return -1;
      i = e;
      continue;
    }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === "\\") i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const BUILDKIT_RULES = [
  "StageNameCasing",
  "FromAsCasing",
  "NoEmptyContinuation",
  "ConsistentInstructionCasing",
  "DuplicateStageName",
  "ReservedStageName",
  "JSONArgsRecommended",
  "MaintainerDeprecated",
  "UndefinedArgInFrom",
  "WorkdirRelativePath",
  "UndefinedVar",
  "MultipleInstructionsDisallowed",
  "LegacyKeyValueFormat",
  "InvalidBaseImagePlatform",
  "RedundantTargetPlatform",
  "SecretsUsedInArgOrEnv",
  "InvalidDefaultArgInFrom",
  "FromPlatformFlagConstDisallowed",
  "CopyIgnoredFile",
  "InvalidDefinitionDescription",
  "ExposeProtoCasing",
  "ExposeInvalidFormat",
];

function extractBuildkit(src: Source): Extracted {
  const cases: PeerCase[] = [];
  const skipped: Extracted["skipped"] = [];
  const file = "frontend/dockerfile/dockerfile_check_test.go";
  const text = src.read(file);
  const funcs = [...text.matchAll(/^func (test\w+)\(/gm)].map((m) => ({ name: m[1] as string, at: m.index ?? 0 }));
  const assigns: { name: string; at: number; value?: string }[] = [];
  for (const m of text.matchAll(/\b(dockerfile|dockerignore|dockerIgnore)\s*:?=\s*/g)) {
    const lit = goRawOrString(text, (m.index ?? 0) + m[0].length);
    assigns.push({ name: (m[1] as string).toLowerCase(), at: m.index ?? 0, value: lit?.value });
  }
  for (const m of text.matchAll(/checkLinterWarnings\(\s*t,\s*sb,\s*&lintTestParams\{/g)) {
    const at = m.index ?? 0;
    const open = at + m[0].length - 1;
    const close = balanced(text, open);
    const where = `${file}:${lineOf(text, at)}`;
    if (close < 0) {
      skipped.push({ where, why: "unbalanced block" });
      continue;
    }
    const block = text.slice(open, close + 1);
    const fn = funcs.filter((f) => f.at < at).pop();
    const current = (name: string) => assigns.filter((a) => a.name === name && a.at < at && (!fn || a.at > fn.at)).pop();
    let dockerfile: string | undefined;
    const dfField = /Dockerfile:\s*/.exec(block);
    if (dfField) {
      const lit = goRawOrString(block, dfField.index + dfField[0].length);
      if (lit) dockerfile = lit.value;
      else if (/^dockerfile\b/.test(block.slice(dfField.index + dfField[0].length))) dockerfile = current("dockerfile")?.value;
    }
    if (dockerfile === undefined) {
      skipped.push({ where, why: "Dockerfile built at run time" });
      continue;
    }
    if (/FrontendAttrs:/.test(block)) {
      skipped.push({ where, why: "needs build options" });
      continue;
    }
    let files: Record<string, string> | undefined;
    const ig = /DockerIgnore:\s*/.exec(block);
    if (ig) {
      const lit = goRawOrString(block, ig.index + ig[0].length);
      const v = lit?.value ?? current("dockerignore")?.value;
      if (v === undefined) {
        skipped.push({ where, why: ".dockerignore built at run time" });
        continue;
      }
      files = { ".dockerignore": v };
    }
    const subject = fn ? BUILDKIT_RULES.find((r) => fn.name.toLowerCase().includes(r.toLowerCase())) : undefined;
    const warningsIn = (field: string) => {
      const found = new Map<string, number[]>();
      const start = block.search(new RegExp(`\\b${field}:\\s*\\[\\]expectedLintWarning\\{`));
      if (start < 0) return found;
      const wOpen = block.indexOf("{", start + field.length);
      const warnings = block.slice(wOpen, balanced(block, wOpen) + 1);
      const add = (rule: string, line: number) => found.set(rule, [...(found.get(rule) ?? []), line]);
      for (const w of warnings.matchAll(/RuleName:\s*"(\w+)"[\s\S]*?Line:\s*(\d+)/g)) add(w[1] as string, Number(w[2]));
      // a test's own helper: makeLintWarning("CMD", 5) for the rule the test is about
      if (subject) for (const w of warnings.matchAll(/\b\w+\(\s*"[^"]*"\s*,\s*(\d+)\s*\)/g)) add(subject, Number(w[1]));
      return found;
    };
    const expected = warningsIn("Warnings");
    // Warnings in stages the default target does not reach are reported only when every target is checked
    const unreachable = warningsIn("UnmarshalWarnings");
    const alsoAccepted = new Map<string, number[]>();
    for (const [rule, ls] of unreachable) alsoAccepted.set(rule, [...(expected.get(rule) ?? []), ...ls]);
    cases.push({
      rules: [...expected.keys()],
      where,
      fileName: "Dockerfile",
      text: dockerfile,
      files,
      expected,
      alsoAccepted,
      byLine: true,
      subject,
    });
  }
  return { cases, skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// dclint: tests/rules/*-rule.spec.ts

function extractDclint(src: Source): Extracted {
  const cases: PeerCase[] = [];
  const skipped: Extracted["skipped"] = [];
  for (const file of src.list("tests/rules").filter((f) => f.endsWith("-rule.spec.ts"))) {
    const ruleId = path.basename(file).replace(/-rule\.spec\.ts$/, "");
    const text = src.read(file);
    const yamls = new Map<string, string>();
    for (const m of text.matchAll(/const (\w+)\s*=\s*`([^`]*)`/g)) yamls.set(m[1] as string, m[2] as string);
    const tests = [...text.matchAll(/\btest\(\s*(['"`])/g)].map((m) => m.index ?? 0);
    tests.forEach((at, i) => {
      const body = text.slice(at, tests[i + 1] ?? text.length);
      const where = `${file}:${lineOf(text, at)}`;
      if (!/\.check\(|runRuleTest\(/.test(body)) return; // fix-only tests
      if (/new \w+Rule\(\s*\{/.test(body) || /new \w+Rule\(\s*\w+/.test(body)) {
        skipped.push({ where, why: "needs dclint rule options" });
        return;
      }
      const ref = /sourceCode:\s*(\w+)/.exec(body) ?? /parseDocument\((\w+)\)/.exec(body);
      const yaml = ref ? yamls.get(ref[1] as string) : undefined;
      if (yaml === undefined) {
        skipped.push({ where, why: "YAML not found" });
        return;
      }
      let count: number | undefined;
      const em = /expectedMessages(?::\s*string\[\])?\s*=\s*\[([\s\S]*?)\];/.exec(body);
      if (em)
        count = (em[1] as string).trim() === "" ? 0 : Math.max(1, ((em[1] as string).match(/getMessage\(|['"`]\s*,?\s*$/gm) ?? []).length);
      const tis = /t\.is\(\s*errors\.length,\s*(\d+)/.exec(body);
      if (count === undefined && tis) count = Number(tis[1]);
      if (count === undefined && /t\.true\(\s*errors\.length\s*>\s*0/.test(body)) count = 1;
      if (count === undefined) {
        skipped.push({ where, why: "expected result not understood" });
        return;
      }
      const p = /path:\s*['"]([^'"]+)['"]/.exec(body)?.[1] ?? "/compose.yml";
      cases.push({
        rules: [ruleId],
        where,
        fileName: path.basename(p),
        text: yaml,
        expected: new Map([[ruleId, count > 0 ? [0] : []]]),
        byLine: false,
        subject: ruleId,
      });
    });
  }
  return { cases, skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// Running Shipshape and comparing

function allOnConfig(): ShipshapeConfig {
  const rules: NonNullable<ShipshapeConfig["rules"]> = {};
  for (const r of allRules) if (r.meta.defaultSeverity === "off") rules[r.meta.id] = "warning";
  return { rules };
}

function claimed(peer: Peer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of allRules) {
    for (const e of r.meta.equivalents) {
      const [tool, id] = e.split(":") as [string, string];
      if (tool !== peer) continue;
      const list = out.get(id) ?? [];
      list.push(r.meta.id);
      out.set(id, list);
    }
  }
  return out;
}

function runCase(c: PeerCase, config: ShipshapeConfig | undefined): Finding[] {
  const dir = "/peer";
  const filePath = `${dir}/${c.fileName}`;
  const files: Record<string, string> = { [filePath]: c.text };
  for (const [rel, t] of Object.entries(c.files ?? {})) files[`${dir}/${rel}`] = t;
  return lint({ path: filePath, text: c.text, fs: memoryFs(files), config }).findings;
}

interface Tally {
  agree: number;
  total: number;
  misses: string[];
}

function main(): void {
  const args = process.argv.slice(2);
  const peer = args[0] as Peer;
  const root = args[1];
  const json = args.includes("--json");
  const show = args.find((a) => a.startsWith("--show="))?.slice(7);
  if (!["hadolint", "buildkit", "dclint"].includes(peer) || !root) {
    console.error("usage: tsx scripts/peer-agreement.ts hadolint|buildkit|dclint <path to a clone> [--json] [--show=<rule>] [--defaults]");
    process.exit(2);
  }
  const src = new Source(path.resolve(root));
  const { cases, skipped } = peer === "hadolint" ? extractHadolint(src) : peer === "buildkit" ? extractBuildkit(src) : extractDclint(src);
  const ours = claimed(peer);
  const config = args.includes("--defaults") ? undefined : allOnConfig();
  const tallies = new Map<string, Tally>();
  const unclaimed = new Map<string, number>();
  for (const c of cases) {
    const findings = runCase(c, config);
    const mentioned = new Set<string>([...c.rules, ...(c.subject ? [c.subject] : [])]);
    if (c.byLine) {
      for (const [id, rules] of ours) if (findings.some((f) => rules.includes(f.ruleId))) mentioned.add(id);
    }
    for (const id of mentioned) {
      const rules = ours.get(id);
      if (!rules) {
        unclaimed.set(id, (unclaimed.get(id) ?? 0) + 1);
        continue;
      }
      const hits = findings.filter((f) => rules.includes(f.ruleId));
      const want = c.expected.get(id) ?? [];
      let ok: boolean;
      let got: string;
      if (c.byLine) {
        const key = (ls: number[]) => [...new Set(ls)].sort((x, y) => x - y).join(",");
        const a = key(want);
        const b = key(hits.map((f) => f.range.start.line + 1));
        const other = c.alsoAccepted?.get(id);
        ok = a === b || (other !== undefined && key(other) === b);
        got = `peer lines [${a}], ours [${b}]`;
      } else {
        ok = want.length > 0 === hits.length > 0;
        got = `peer ${want.length > 0 ? "fires" : "quiet"}, ours ${hits.length > 0 ? `fires (${[...new Set(hits.map((f) => f.ruleId))].join(", ")})` : "quiet"}`;
      }
      const t = tallies.get(id) ?? { agree: 0, total: 0, misses: [] };
      t.total++;
      if (ok) t.agree++;
      else t.misses.push(`${c.where}: ${got}`);
      tallies.set(id, t);
      if (show && show === id && !ok) console.log(`--- ${c.where} (${got})\n${c.text}`);
    }
  }
  const rows = [...tallies.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const agree = rows.reduce((s, [, t]) => s + t.agree, 0);
  const total = rows.reduce((s, [, t]) => s + t.total, 0);
  if (json) {
    console.log(
      JSON.stringify(
        {
          peer,
          agree,
          total,
          rules: Object.fromEntries(rows.map(([id, t]) => [id, { agree: t.agree, total: t.total, ours: ours.get(id), misses: t.misses }])),
          unclaimed: Object.fromEntries(unclaimed),
          skipped,
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(`${peer}: ${cases.length} cases read, ${skipped.length} skipped (peer configuration or unreadable)`);
  console.log(`| ${peer} rule | Shipshape rule(s) | agree |`);
  console.log("| --- | --- | --- |");
  for (const [id, t] of rows) console.log(`| ${id} | ${(ours.get(id) ?? []).join(", ")} | ${t.agree}/${t.total} |`);
  console.log(`\nclaimed rules: ${agree}/${total} = ${((100 * agree) / Math.max(1, total)).toFixed(1)} %`);
  if (unclaimed.size) console.log(`not claimed (not counted): ${[...unclaimed.keys()].sort().join(", ")}`);
  const misses = rows.flatMap(([id, t]) => t.misses.map((m) => `${id}  ${m}`));
  if (misses.length) console.log(`\ndisagreements:\n${misses.join("\n")}`);
}

main();
