/**
 * Facts about Dockerfile stages that several practice rules and the hovers share: which packages a stage
 * installs, whether a tool exists in it, who it runs as, where its WORKDIR is, and where to insert text.
 * Everything here is pure and bounded by the size of the model.
 */
import { hasKnownContents, imageFacts, imageLanguage, type ImageFacts } from "../knowledge/images";
import { detectServerFramework, type DetectedServer } from "./python";
import type { DockerInstruction, DockerfileModel, Stage } from "../model/dockerfile";
import { parseShell, programOf, argsOf, type ShellCommand, type ShellWord } from "../model/shell";
import type { Position, Range, TextEdit } from "../text";
import type { Fix } from "../types";
import { escapeRegExp } from "../regex";
import { objectMemo } from "../memo";
import { copyPaths as copyArgs } from "./copyArgs";
import {
  buildContextOf,
  contextIsDir,
  contextList,
  contextPresence,
  contextRelative,
  contextSources,
  type BuildContext,
  type ContextPresence,
} from "./buildContext";
import { globMatches } from "../model/dockerignore";

export { copyArgs };

type StageState = { workdir: string; env: EnvState };

/**
 * The ENV names in effect at one point: one layer per ENV instruction on top of the state before it. Copying the
 * whole map at every ENV made a stage chain with thousands of ENVs quadratic; a layer is only flattened into a
 * full map when a lookup has to walk far, or when someone iterates it.
 */
class EnvState implements ReadonlyMap<string, string> {
  /** The flattened map, once built. */
  private full: Map<string, string> | undefined;
  /** Every name any layer of this chain sets (a superset for this layer): most lookups miss and stop here. */
  private readonly names: Set<string>;

  constructor(
    private readonly parent: EnvState | undefined,
    private readonly own: ReadonlyMap<string, string>,
  ) {
    this.names = parent?.names ?? new Set();
    for (const name of own.keys()) this.names.add(name);
  }

  get(name: string): string | undefined {
    if (!this.names.has(name)) return undefined;
    if (this.full) return this.full.get(name);
    if (this.own.has(name)) return this.own.get(name);
    let steps = 0;
    for (let l = this.parent; l; l = l.parent) {
      if (l.full) return l.full.get(name);
      const v = l.own.get(name);
      if (v !== undefined || l.own.has(name)) return v;
      if (++steps > ENV_WALK) return this.flat().get(name);
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.flat().size;
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    this.flat().forEach((v, k) => fn.call(thisArg, v, k, this));
  }

  entries(): ReturnType<Map<string, string>["entries"]> {
    return this.flat().entries();
  }

  keys(): ReturnType<Map<string, string>["keys"]> {
    return this.flat().keys();
  }

  values(): ReturnType<Map<string, string>["values"]> {
    return this.flat().values();
  }

  [Symbol.iterator](): ReturnType<Map<string, string>["entries"]> {
    return this.flat().entries();
  }

  /** The whole map, in the order the names were first set (as `new Map(previous)` + `set` per ENV gave). */
  private flat(): Map<string, string> {
    if (this.full) return this.full;
    const layers: EnvState[] = [this];
    let l = this.parent;
    for (; l && !l.full; l = l.parent) layers.push(l);
    const map = new Map(l?.full);
    for (let i = layers.length - 1; i >= 0; i--) for (const [k, v] of (layers[i] as EnvState).own) map.set(k, v);
    this.full = map;
    return map;
  }
}
/** Layers a lookup walks before it flattens the state (bounds both the walk and the number of flattened copies). */
const ENV_WALK = 32;

/**
 * Per-model caches: rules and hovers ask the same questions many times. Each stage keeps only its own
 * instructions and starts from its parent's end state, so even a chain of thousands of `FROM previous`
 * stages stays linear.
 */
interface StageCache {
  root: Stage;
  /** Position of each of the stage's own instructions. */
  own: Map<DockerInstruction, number>;
  /** WORKDIR and ENV in effect before each own instruction (ENV maps are shared until an ENV changes them). */
  before: StageState[];
  /** State after the last instruction. */
  end: StageState;
  /** A SHELL instruction in this stage or an ancestor. */
  shellSet: boolean;
  lineage?: DockerInstruction[];
  packages?: InstalledPackage[];
  /** Earliest own position at which each program name arrives, by package or by COPY. */
  provides?: Map<string, number>;
}
const caches = new WeakMap<DockerfileModel, Map<Stage, StageCache>>();

function stageCache(model: DockerfileModel, stage: Stage): StageCache {
  let byStage = caches.get(model);
  if (!byStage) {
    byStage = new Map();
    caches.set(model, byStage);
  }
  const hit = byStage.get(stage);
  if (hit) return hit;
  // parents always come earlier in the file, so this walk ends; fill the uncached ones top-down
  const todo: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !byStage.has(s) && todo.length <= model.stages.length; s = s.parent) todo.push(s);
  for (const s of todo.reverse()) {
    const parent = s.parent ? byStage.get(s.parent) : undefined;
    let workdir = parent?.end.workdir ?? "/";
    let env: EnvState = parent?.end.env ?? new EnvState(undefined, new Map());
    const own = new Map<DockerInstruction, number>();
    const before: StageState[] = [];
    let shellSet = parent?.shellSet ?? false;
    s.instructions.forEach((ins, i) => {
      own.set(ins, i);
      before.push({ workdir, env });
      if (ins.keyword === "WORKDIR") workdir = joinPosix(workdir, ins.argsText.trim());
      else if (ins.keyword === "ENV") {
        const own = new Map<string, string>();
        for (const p of propertiesOf(ins)) own.set(p.name, p.value);
        env = new EnvState(env, own);
      } else if (ins.keyword === "SHELL") shellSet = true;
    });
    byStage.set(s, { root: parent?.root ?? s, own, before, end: { workdir, env }, shellSet });
  }
  return byStage.get(stage) as StageCache;
}

/** The stages whose instructions make up `stage`, root first. */
function chainOf(stage: Stage, limit: number): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && out.length <= limit; s = s.parent) out.push(s);
  return out.reverse();
}

function stateBefore(model: DockerfileModel, stage: Stage, ins: DockerInstruction | undefined): StageState {
  if (ins?.stage) {
    const c = stageCache(model, ins.stage);
    const i = c.own.get(ins);
    if (i !== undefined) return c.before[i] as StageState;
  }
  return stageCache(model, stage).end;
}

/** Instructions that make up a stage's image: its ancestors' first (root stage first), then its own. */
export function lineageInstructions(model: DockerfileModel, stage: Stage): readonly DockerInstruction[] {
  const c = stageCache(model, stage);
  c.lineage ??= chainOf(stage, model.stages.length).flatMap((s) => s.instructions);
  return c.lineage;
}

/** The stage a stage's image ultimately starts from (following `FROM <stage>`). */
export function rootStageOf(model: DockerfileModel, stage: Stage): Stage {
  return stageCache(model, stage).root;
}

/** True when the stage or one of its ancestors sets its own SHELL. */
export function stageSetsShell(model: DockerfileModel, stage: Stage): boolean {
  return stageCache(model, stage).shellSet;
}

export interface InstalledPackage {
  /** Package name without version (`curl` for `curl=7.88.1-10`). */
  name: string;
  word: ShellWord;
  ins: DockerInstruction;
  manager: "apt" | "apk" | "dnf" | "pip";
}

const OS_INSTALL: { program: RegExp; sub: RegExp; manager: InstalledPackage["manager"]; valueFlags: string[] }[] = [
  { program: /^(apt-get|apt|aptitude)$/, sub: /^install$/, manager: "apt", valueFlags: ["-t", "--target-release", "-o"] },
  { program: /^apk$/, sub: /^add$/, manager: "apk", valueFlags: ["-t", "--virtual", "-X", "--repository", "--root", "-p"] },
  { program: /^(yum|dnf|microdnf|zypper|tdnf)$/, sub: /^install$/, manager: "dnf", valueFlags: ["--setopt", "--enablerepo"] },
];
const OS_REMOVE: { program: RegExp; sub: RegExp }[] = [
  { program: /^(apt-get|apt)$/, sub: /^(purge|remove|autoremove)$/ },
  { program: /^apk$/, sub: /^del$/ },
  { program: /^(yum|dnf|microdnf)$/, sub: /^(remove|erase)$/ },
  { program: /^zypper$/, sub: /^(remove|rm)$/ },
];

/** Package names an OS package manager command installs (`apt-get install -y curl gcc` -> curl, gcc). */
export function packagesOf(
  cmd: ShellCommand,
): { names: { name: string; word: ShellWord }[]; manager: InstalledPackage["manager"] } | undefined {
  const p = programOf(cmd);
  if (!p) return undefined;
  for (const m of OS_INSTALL) {
    if (!m.program.test(p.name)) continue;
    const args = argsOf(cmd);
    const subIndex = args.findIndex((w) => !w.value.startsWith("-"));
    const sub = args[subIndex];
    if (!sub || !m.sub.test(sub.value)) return undefined;
    const names: { name: string; word: ShellWord }[] = [];
    for (let i = subIndex + 1; i < args.length; i++) {
      const w = args[i] as ShellWord;
      if (w.value.startsWith("-")) {
        if (m.valueFlags.includes(w.value)) i++;
        continue;
      }
      names.push({ name: w.value.replace(/[=<>~].*$/, "").replace(/:[a-z0-9]+$/, ""), word: w });
    }
    return { names, manager: m.manager };
  }
  if (/^(pip|pip3)$/.test(p.name) || (/^python[0-9.]*$/.test(p.name) && cmd.words.some((w) => w.value === "pip"))) {
    const args = argsOf(cmd);
    const i = args.findIndex((w) => w.value === "install");
    if (i < 0) return undefined;
    const names: { name: string; word: ShellWord }[] = [];
    for (let k = i + 1; k < args.length; k++) {
      const w = args[k] as ShellWord;
      if (w.value.startsWith("-")) {
        if (["-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "-i", "--index-url"].includes(w.value)) k++;
        continue;
      }
      names.push({ name: w.value.replace(/[=<>~![;].*$/, "").toLowerCase(), word: w });
    }
    return { names, manager: "pip" };
  }
  return undefined;
}

/**
 * Packages installed by the RUNs of a stage and its ancestors (before `before`, when given), minus those the same
 * RUN removes again (`apk add --virtual .build-deps gcc … && apk del .build-deps`).
 */
export function installedPackages(model: DockerfileModel, stage: Stage, before?: DockerInstruction): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const s of chainOf(stage, model.stages.length)) {
    const c = stageCache(model, s);
    c.packages ??= computePackages(model, s.instructions);
    if (before && before.stage === s) {
      const limit = c.own.get(before) ?? s.instructions.length;
      for (const p of c.packages) if ((c.own.get(p.ins) ?? 0) < limit) out.push(p);
      break;
    }
    out.push(...c.packages);
  }
  return out;
}

function computePackages(model: DockerfileModel, lineage: readonly DockerInstruction[]): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const ins of lineage) {
    if (ins.keyword !== "RUN") continue;
    const cmds = model.shellCommands(ins);
    const removed = new Set<string>();
    const virtuals = new Map<string, string[]>();
    // `apt-mark auto '.*'` (or `apt-mark showmanual` saved and restored) then `apt-get purge --auto-remove`: every
    // package this RUN installed goes again, as in the official images' Dockerfiles
    let markedAuto = false;
    let autoRemoved = false;
    for (const cmd of cmds) {
      const p = programOf(cmd);
      // also through xargs: `apt-mark showmanual | xargs apt-mark auto`
      const words = cmd.words.map((w) => w.value);
      const markAt = words.indexOf("apt-mark");
      if (markAt >= 0 && (p?.name === "apt-mark" || p?.name === "xargs") && words.slice(markAt + 1).includes("auto")) markedAuto = true;
      if (p && /^(apt-get|apt)$/.test(p.name)) {
        const words = argsOf(cmd).map((w) => w.value);
        const sub = words.find((w) => !w.startsWith("-"));
        if (markedAuto && (sub === "autoremove" || ((sub === "purge" || sub === "remove") && words.includes("--auto-remove"))))
          autoRemoved = true;
      }
      if (p && /^(pip|pip3)$/.test(p.name) && argsOf(cmd).some((w) => w.value === "uninstall"))
        for (const w of argsOf(cmd)) if (!w.value.startsWith("-") && w.value !== "uninstall") removed.add(w.value.toLowerCase());
      if (p && OS_REMOVE.some((r) => r.program.test(p.name))) {
        const args = argsOf(cmd).filter((w) => !w.value.startsWith("-"));
        if (args[0] && OS_REMOVE.some((r) => r.program.test(p.name) && r.sub.test((args[0] as ShellWord).value))) {
          for (const a of args.slice(1)) {
            removed.add(a.value);
            for (const v of virtuals.get(a.value) ?? []) removed.add(v);
          }
        }
      }
      const pk = packagesOf(cmd);
      if (!pk) continue;
      const args = argsOf(cmd);
      const vi = args.findIndex((w) => w.value === "--virtual" || w.value === "-t");
      const virtualName = vi >= 0 && pk.manager === "apk" ? args[vi + 1]?.value : undefined;
      if (virtualName)
        virtuals.set(
          virtualName,
          pk.names.map((n) => n.name),
        );
      for (const n of pk.names) out.push({ name: n.name, word: n.word, ins, manager: pk.manager });
    }
    for (let i = out.length - 1; i >= 0; i--) {
      const p = out[i] as InstalledPackage;
      if (p.ins === ins && (removed.has(p.name) || (autoRemoved && p.manager === "apt"))) out.splice(i, 1);
    }
  }
  return out;
}

const BUILD_PACKAGE =
  /^(build-essential|build-base|alpine-sdk|gcc|g\+\+|gcc-[0-9.]+|g\+\+-[0-9.]+|clang|clang-[0-9.]+|llvm|make|cmake|ninja-build|autoconf|automake|libtool|pkg-config|pkgconf|gfortran|cargo|rustc|musl-dev|linux-headers|gcc-c\+\+|swig|.+-dev|.+-devel)$/;

/** Compilers, build systems and headers: what belongs in a builder stage. */
export function isBuildPackage(name: string): boolean {
  return BUILD_PACKAGE.test(name) && !/^(libc-bin|udev)$/.test(name);
}

/** True when the stage (or an ancestor) has `tool` before `before`: from its base image, a package, or a COPY. */
export function stageHasTool(model: DockerfileModel, stage: Stage, tool: "curl" | "wget", before?: DockerInstruction): boolean {
  const root = rootStageOf(model, stage).image;
  const facts = imageFacts(root);
  if (tool === "curl" ? facts.hasCurl : facts.hasWget) return true;
  if (facts.family === "unknown" || !hasKnownContents(root)) return true;
  for (const s of chainOf(stage, model.stages.length)) {
    const c = stageCache(model, s);
    if (!c.provides) {
      const provides = new Map<string, number>();
      const note = (name: string, at: number) => {
        if (!provides.has(name)) provides.set(name, at);
      };
      c.packages ??= computePackages(model, s.instructions);
      for (const p of c.packages) {
        const at = c.own.get(p.ins) ?? 0;
        note(p.name, at);
        if (p.name === "busybox") note("wget", at);
      }
      s.instructions.forEach((ins, at) => {
        if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return;
        for (const a of ins.ast.getArguments()) note(a.getValue().slice(a.getValue().lastIndexOf("/") + 1), at);
      });
      c.provides = provides;
    }
    const at = c.provides.get(tool);
    if (before && before.stage === s) return at !== undefined && at < (c.own.get(before) ?? s.instructions.length);
    if (at !== undefined) return true;
  }
  return false;
}

/** Facts about a stage's root base image. */
export function stageImageFacts(model: DockerfileModel, stage: Stage): ImageFacts {
  return imageFacts(rootStageOf(model, stage).image);
}

/** The USER in effect at the end of a stage (its own or inherited from a parent stage). */
export function effectiveUser(model: DockerfileModel, stage: Stage): { user: string; ins: DockerInstruction } | undefined {
  const users = lineageInstructions(model, stage).filter((i) => i.keyword === "USER");
  const last = users[users.length - 1];
  return last ? { user: last.argsText.trim(), ins: last } : undefined;
}

/**
 * True when what the instruction leaves in its layers ends up in the image the Dockerfile builds: its stage is the
 * final one or one the final stage is built FROM (directly or through other stages). A builder stage whose output
 * is only copied (`COPY --from`), and the stages it builds on, throw their layers away, so a package cache left
 * there never ships (as in hadolint, a stage nothing uses is not judged either). ONBUILD triggers run in the
 * images built FROM this one and always count.
 */
export function layersShip(model: DockerfileModel, ins: DockerInstruction): boolean {
  const stage = ins.stage;
  if (!stage || ins.keyword === "ONBUILD" || stage.isFinal) return true;
  const final = model.finalStage;
  return final !== undefined && model.lineage(final).includes(stage);
}

export function isRootUser(user: string): boolean {
  const name = user.split(":")[0]?.trim().toLowerCase() ?? "";
  return name === "root" || name === "0";
}

/** ENV names set in a stage's lineage (before `before`) with their last value. */
export function envOf(model: DockerfileModel, stage: Stage, before?: DockerInstruction): ReadonlyMap<string, string> {
  return stateBefore(model, stage, before).env;
}

/** `NAME=value` pairs of an ENV, ARG or LABEL. */
export function propertiesOf(ins: DockerInstruction): { name: string; value: string; hasValue: boolean; ins: DockerInstruction }[] {
  const cached = propertiesCache.get(ins);
  if (cached) return cached;
  const ast = ins.ast as unknown as { getProperties?(): { getName(): string; getValue(): string | null }[] };
  let props: { name: string; value: string; hasValue: boolean; ins: DockerInstruction }[];
  try {
    props = (ast.getProperties?.() ?? []).map((p) => ({
      name: p.getName(),
      value: p.getValue() ?? "",
      hasValue: p.getValue() !== null,
      ins,
    }));
  } catch {
    props = [];
  }
  propertiesCache.set(ins, props);
  return props;
}
/** dockerfile-ast re-parses the arguments on every getProperties() call. */
const propertiesCache = objectMemo<DockerInstruction, { name: string; value: string; hasValue: boolean; ins: DockerInstruction }[]>(
  "shipshape.propertiesOf",
);

/** The WORKDIR in effect at `ins` (absolute, without a trailing slash; `/` by default). */
export function workdirAt(model: DockerfileModel, stage: Stage, ins?: DockerInstruction): string {
  return stateBefore(model, stage, ins).workdir;
}

export function joinPosix(base: string, rel: string): string {
  // most paths are already clean (`/app`, `src/main.py` onto a clean WORKDIR): joined without splitting
  const q0 = rel.charCodeAt(0);
  const q1 = rel.charCodeAt(rel.length - 1);
  if (q0 !== 34 && q0 !== 39 && q1 !== 34 && q1 !== 39) {
    if (q0 === 47) {
      if (rel.length === 1 || cleanSegments(rel, 1)) return rel;
    } else if (rel.length > 0 && cleanSegments(rel, 0) && base.charCodeAt(0) === 47 && (base.length === 1 || cleanSegments(base, 1)))
      return base.length === 1 ? `/${rel}` : `${base}/${rel}`;
  }
  const r = rel.replace(/^["']|["']$/g, "");
  const parts = (r.startsWith("/") ? r : `${base}/${r}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return "/" + out.join("/");
}

/** True when `p` from `from` on is segments separated by one `/`, none empty, `.` or `..` (no trailing `/`). */
function cleanSegments(p: string, from: number): boolean {
  let start = from;
  for (let i = from; i <= p.length; i++) {
    if (i < p.length && p.charCodeAt(i) !== 47) continue;
    const len = i - start;
    if (len === 0) return false;
    if (p.charCodeAt(start) === 46 && (len === 1 || (len === 2 && p.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** True when a COPY/ADD copies the whole build context (`COPY . .`, `COPY ./ /app/`). */
export function copiesWholeContext(ins: DockerInstruction): boolean {
  const c = copyArgs(ins);
  if (!c || ins.flags.some((f) => f.getName().toLowerCase() === "from")) return false;
  return c.sources.some((s) => s === "." || s === "./" || s === "*");
}

/** The program argv of a CMD or ENTRYPOINT, or of a HEALTHCHECK CMD: each shell command as words. */
export function commandArgv(model: DockerfileModel, ins: DockerInstruction): string[][] {
  if (ins.keyword === "HEALTHCHECK") {
    const h = healthcheckOf(model, ins);
    return h && h.kind === "cmd" ? h.commands.map((c) => c.words.map((w) => w.value)) : [];
  }
  return model.shellCommands(ins).map((c) => c.words.map((w) => w.value));
}

export type HealthcheckInfo =
  | { kind: "none" }
  | {
      kind: "cmd";
      execForm: boolean;
      /** The probe's commands; word offsets are document offsets (approximate for the exec form). */
      commands: ShellCommand[];
      /** Document offset where the text after `CMD` starts, and that text as written. */
      start: number;
      raw: string;
    };

/** Reads `HEALTHCHECK [flags] CMD …` or `HEALTHCHECK NONE`. */
export function healthcheckOf(model: DockerfileModel, ins: DockerInstruction): HealthcheckInfo | undefined {
  if (ins.keyword !== "HEALTHCHECK" || !ins.argsRange) return undefined;
  const start = model.lines.offsetAt(ins.argsRange.start);
  const end = model.lines.offsetAt(ins.argsRange.end);
  const text = model.text.slice(start, end);
  const m = /^(\s*)(CMD|NONE)\b/i.exec(text);
  if (!m) return undefined;
  if ((m[2] as string).toUpperCase() === "NONE") return { kind: "none" };
  const afterOffset = start + m[0].length;
  const raw = text.slice(m[0].length);
  const trimmed = raw.trim();
  if (trimmed.startsWith("[")) {
    try {
      const joined = trimmed.replace(new RegExp(`${escapeRegExp(model.escape)}\\r?\\n`, "g"), "");
      const arr: unknown = JSON.parse(joined);
      if (Array.isArray(arr) && arr.every((x) => typeof x === "string")) {
        const words = arr as string[];
        const base = afterOffset + raw.indexOf("[");
        if (words[0] === "CMD-SHELL" || (words.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(words[0] as string) && words[1] === "-c")) {
          const script = words[words[0] === "CMD-SHELL" ? 1 : 2] ?? "";
          const at = model.text.indexOf(script.slice(0, 20), base);
          return { kind: "cmd", execForm: true, commands: shift(parseShell(script), at >= 0 ? at : base), start: afterOffset, raw };
        }
        let cursor = base;
        const ws: ShellWord[] = words.map((w) => {
          const written = JSON.stringify(w);
          const at = model.text.indexOf(written, cursor);
          const s = at >= 0 ? at + 1 : cursor;
          cursor = at >= 0 ? at + written.length : cursor;
          return { value: w, start: s, end: s + written.length - 2, quoted: true };
        });
        return {
          kind: "cmd",
          execForm: true,
          commands: ws.length
            ? [{ assignments: [], words: ws, start: (ws[0] as ShellWord).start, end: (ws[ws.length - 1] as ShellWord).end }]
            : [],
          start: afterOffset,
          raw,
        };
      }
    } catch {
      // not JSON after all: read it as a shell command below
    }
  }
  return { kind: "cmd", execForm: false, commands: shift(parseShell(raw, { escape: model.escape }), afterOffset), start: afterOffset, raw };
}

function shift(cmds: ShellCommand[], by: number): ShellCommand[] {
  const s = (w: ShellWord): ShellWord => ({ ...w, start: w.start + by, end: w.end + by });
  return cmds.map((c) => ({ ...c, assignments: c.assignments.map(s), words: c.words.map(s), start: c.start + by, end: c.end + by }));
}

/** The programming language a stage runs, from its base image or its commands. */
export function stageLanguage(model: DockerfileModel, stage: Stage): "python" | "node" | undefined {
  const fromImage = imageLanguage(rootStageOf(model, stage).image);
  if (fromImage) return fromImage;
  for (const ins of lineageInstructions(model, stage)) {
    if (ins.keyword === "COPY" && /astral-sh\/uv|\/uv:/.test(ins.flags.find((f) => f.getName().toLowerCase() === "from")?.getValue() ?? ""))
      return "python";
  }
  return undefined;
}

/** Where to insert instructions that belong before the start command: the first CMD/ENTRYPOINT of the stage, else its end. */
export function runtimeInsertionPoint(model: DockerfileModel, stage: Stage): Position {
  const start = stage.instructions.find((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
  if (start) return { line: start.range.start.line, character: 0 };
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return { line: last.range.end.line + 1, character: 0 };
}

/**
 * Inserts whole lines at a line start (or after the last line when `at` is past the end); undefined when lines put
 * there would not become instructions of their own (see `insideUnclosedHeredoc`), so no fix can be offered.
 */
export function insertLines(model: DockerfileModel, at: Position, lines: string[]): TextEdit | undefined {
  if (insideUnclosedHeredoc(model, at)) return undefined;
  const eol = model.lines.eol;
  if (at.line >= model.lines.lineCount) {
    const end = model.lines.positionAt(model.text.length);
    return { range: { start: end, end }, newText: eol + lines.join(eol) + eol };
  }
  return { range: { start: at, end: at }, newText: lines.join(eol) + eol };
}

/**
 * True when lines inserted at `at` would not become instructions of their own: inside a heredoc that is never
 * closed (BuildKit reads the rest of the file as its body), or after a dangling line continuation.
 */
export function insideUnclosedHeredoc(model: DockerfileModel, at: Position): boolean {
  // the same when the last line before `at` ends with a line continuation: the inserted line joins that instruction
  // (Docker drops blank and comment lines inside a continuation, so the instruction goes on past them)
  for (let line = Math.min(at.line, model.lines.lineCount) - 1; line >= 0; line--) {
    const text = model.lines.lineText(line).trimEnd();
    if (text === "" || text.trimStart().startsWith("#")) continue;
    if (text.endsWith(model.escape)) return true;
    break;
  }
  return model.instructions.some(
    (ins) =>
      ins.range.start.line < at.line &&
      ins.heredocs.some((h) => {
        try {
          return h.getDelimiterRange() === null;
        } catch {
          return true;
        }
      }),
  );
}

/** The fix, or none when one of its edits could not be placed (an `insertLines` that returned undefined). */
export function fixIfPlaced(fix: Omit<Fix, "edits">, ...edits: (TextEdit | undefined)[]): Fix[] {
  return edits.every((e): e is TextEdit => e !== undefined) ? [{ ...fix, edits: edits as TextEdit[] }] : [];
}

/** The JSON strings of an exec-form instruction (values unescaped by the model), each with its range in the document. */
export function jsonStrings(ins: DockerInstruction): { value: string; range: Range }[] {
  const ast = ins.ast as unknown as { getJSONStrings?(): { getJSONValue(): string; getRange(): Range }[] };
  const values = ins.jsonArgs ?? [];
  return (ast.getJSONStrings?.() ?? []).map((s, i) => ({ value: values[i] ?? s.getJSONValue(), range: s.getRange() }));
}

/** The edit that removes an instruction's whole line(s), line break included. */
export function deleteInstruction(model: DockerfileModel, ins: DockerInstruction): TextEdit {
  const start = { line: ins.range.start.line, character: 0 };
  const nextLine = ins.range.end.line + 1;
  const end = nextLine < model.lines.lineCount ? { line: nextLine, character: 0 } : model.lines.positionAt(model.text.length);
  return { range: { start, end }, newText: "" };
}

/** The text of an instruction as written. */
export function instructionText(model: DockerfileModel, ins: DockerInstruction): string {
  return model.text.slice(model.lines.offsetAt(ins.range.start), model.lines.offsetAt(ins.range.end));
}

/** Stages whose output the given stage uses: its lineage plus stages named in `COPY --from` (transitively). */
export function contributingStages(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const queue: Stage[] = [stage];
  while (queue.length > 0 && out.length <= model.stages.length) {
    const s = queue.shift() as Stage;
    if (out.includes(s)) continue;
    out.push(s);
    if (s.parent) queue.push(s.parent);
    for (const ins of s.instructions) {
      const from = ins.keyword === "COPY" ? ins.flags.find((f) => f.getName().toLowerCase() === "from")?.getValue() : undefined;
      const src = from ? model.stageByName(from) : undefined;
      if (src && src.index < s.index) queue.push(src);
    }
  }
  return out;
}

/**
 * Inserts an argument after a word of a RUN/CMD: `, "--frozen"` after a JSON string of the exec form,
 * ` --frozen` after a word of a shell command (also inside `["sh", "-c", "…"]`).
 */
export function insertArgAfter(model: DockerfileModel, ins: DockerInstruction, word: ShellWord, arg: string): TextEdit {
  const at = model.lines.positionAt(word.end);
  const jsonWord = ins.isExecForm && model.text[word.start] === '"' && model.text[word.end - 1] === '"';
  return { range: { start: at, end: at }, newText: jsonWord ? `, ${JSON.stringify(arg)}` : ` ${arg}` };
}

/** The server the stage starts (from its last ENTRYPOINT and CMD), if we recognise it. */
export function stageServer(model: DockerfileModel, stage: Stage): DetectedServer | undefined {
  const lineage = lineageInstructions(model, stage);
  const last = (k: string) => lineage.filter((i) => i.keyword === k).pop();
  const argv = [last("ENTRYPOINT"), last("CMD")].flatMap((i) => (i ? commandArgv(model, i) : []));
  // ENTRYPOINT ["uv", "run"] + CMD ["uvicorn", …]: read them as one command too
  const ep = last("ENTRYPOINT");
  const cmd = last("CMD");
  if (ep?.isExecForm && cmd?.isExecForm) argv.unshift([...(ep.jsonArgs ?? []), ...(cmd.jsonArgs ?? [])]);
  return detectServerFramework(argv);
}

/** Ports the stage EXPOSEs (numbers only). */
export function exposedPorts(model: DockerfileModel, stage: Stage): number[] {
  return lineageInstructions(model, stage)
    .filter((i) => i.keyword === "EXPOSE")
    .flatMap((i) => i.argsText.split(/\s+/))
    .map((p) => /^(\d+)/.exec(p)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number);
}

// ---------------------------------------------------------------------------------------------------------------
// The image model: what the image holds before each instruction of a stage.
// ---------------------------------------------------------------------------------------------------------------

/** Programs the model tracks on PATH. */
export type Tool = "curl" | "wget" | "sh" | "bash" | "python" | "pip" | "node" | "npm" | "uv" | "git" | "gosu" | "su-exec" | "tini";
const TOOLS: readonly Tool[] = ["curl", "wget", "sh", "bash", "python", "pip", "node", "npm", "uv", "git", "gosu", "su-exec", "tini"];
/** Programs that put a file they write in place (a download's output, a copy, a link, `chmod +x` on it). */
const WRITES_FILE = /^(wget|curl|cp|mv|ln|install|chmod)$/;

/** Package (or file) name -> the tool it puts on PATH. */
const PROVIDES: Record<string, Tool[]> = {
  curl: ["curl"],
  wget: ["wget"],
  busybox: ["wget", "sh"],
  "busybox-static": ["wget", "sh"],
  bash: ["bash"],
  git: ["git"],
  python3: ["python"],
  python: ["python"],
  "python3-pip": ["pip"],
  "py3-pip": ["pip"],
  nodejs: ["node"],
  npm: ["npm"],
  uv: ["uv"],
  gosu: ["gosu"],
  "su-exec": ["su-exec"],
  tini: ["tini"],
};

export interface ImageState {
  /** The stage this state belongs to. */
  stage: Stage;
  /** Facts about the root base image (from the knowledge table or `.shipshape.json`). */
  base: ImageFacts;
  /** The base came from an ARG (`FROM $BASE`): its default may be overridden, so its facts are not certain. */
  baseFromArg: boolean;
  /** The user in effect; undefined when unknown (no USER and a base whose default user we do not know). */
  user: string | undefined;
  /** The USER instruction that set it, when one did. */
  userIns: DockerInstruction | undefined;
  /** ENV of the base image, ENVs and ARGs of the stage's lineage. */
  env: ReadonlyMap<string, string>;
  /** One variable of `env`, without building the whole map. */
  getEnv(name: string): string | undefined;
  /** Names whose value comes from an ARG default (a build argument may override it). */
  argNames: ReadonlySet<string>;
  /** A shell at /bin/sh: true, false, or undefined when unknown. */
  shell: boolean | undefined;
  /** Which wget is on PATH (`none` when it is known to be missing), undefined when unknown. */
  wget: "gnu" | "busybox" | "none" | undefined;
  packageManager: "apt" | "apk" | "dnf" | "microdnf" | "yum" | "zypper" | "none" | undefined;
  libc: "glibc" | "musl" | "none" | undefined;
  workdir: string;
  /** Ports EXPOSEd so far (base image's included). */
  ports: number[];
  /** Absolute paths known to exist (files or folders) because an instruction created them. */
  files: ReadonlySet<string>;
  /**
   * Whether a COPY or ADD from the build context brought `path` (absolute) into the image so far: `yes`; `no` when
   * none did (no copy covers the path, or the known context lacks the file or `.dockerignore` excludes it); `maybe`
   * when a copy may have but the context is unknown (no workspace, standard input, a context elsewhere).
   */
  fromContext(path: string): ContextPresence;
  /** The build context is known (see analysis/buildContext). */
  contextKnown: boolean;
  /** A tool on PATH: true, false (known missing), or undefined (unknown). */
  has(tool: Tool): boolean | undefined;
  /** Expands `$VAR`/`${VAR}` from `env`; undefined when a variable is unknown. `certain` is false when an ARG default was used. */
  expand(text: string): { value: string; certain: boolean } | undefined;
}

interface MutableState {
  user: string | undefined;
  userIns: DockerInstruction | undefined;
  args: Map<string, string>;
  argNames: Set<string>;
  tools: Map<Tool, boolean | undefined>;
  wget: ImageState["wget"];
  shell: boolean | undefined;
  packageManager: ImageState["packageManager"];
  ports: number[];
  files: KnownFiles;
  /**
   * COPY/ADD instructions from the build context so far, the latest first: each state links to the one before
   * (an array copied at every COPY grew with the square of the number of COPYs).
   */
  contextCopies: CopyChain | undefined;
}

interface CopyChain {
  copy: ContextCopy;
  previous: CopyChain | undefined;
}

/** The copies of a chain in the order the instructions made them. */
function chainCopies(chain: CopyChain | undefined): ContextCopy[] {
  const out: ContextCopy[] = [];
  for (let c = chain; c; c = c.previous) out.push(c.copy);
  return out.reverse();
}

/** One COPY/ADD from the build context: where it puts its sources. */
interface ContextCopy {
  /** Absolute destination; undefined when a variable in it is unknown. */
  dest: string | undefined;
  /** Sources as written. */
  sources: string[];
  /** The destination is a folder (ends in `/`, or several sources). */
  intoFolder: boolean;
}

interface ModelCache {
  /** Before each own instruction, then the end state. */
  states: MutableState[];
}
const modelCaches = new WeakMap<DockerfileModel, Map<Stage, ModelCache>>();

function baseState(model: DockerfileModel, root: Stage): { facts: ImageFacts; state: MutableState; baseEnv: Map<string, string> } {
  const facts = imageFacts(root.image, model.imageTable);
  const k = facts.known;
  const tools = new Map<Tool, boolean | undefined>();
  for (const t of TOOLS) tools.set(t, undefined);
  tools.set("curl", k.curl);
  tools.set("wget", k.wget === undefined ? undefined : k.wget !== "none");
  tools.set("sh", k.shell);
  if (k.shell === false) for (const t of TOOLS) tools.set(t, tools.get(t) ?? (facts.source ? false : undefined));
  // the runtime's installer comes with it unless the table says otherwise (hardened runtime variants: no pip, no npm)
  if (k.runtime === "python") {
    tools.set("python", true);
    tools.set("pip", k.installer ?? true);
  }
  if (k.runtime === "node") {
    tools.set("node", true);
    tools.set("npm", k.installer ?? true);
  }
  if (k.buildTools) tools.set("git", true);
  return {
    facts,
    baseEnv: new Map(Object.entries(k.env ?? {})),
    state: {
      user: k.user,
      userIns: undefined,
      args: new Map(),
      argNames: new Set(),
      tools,
      wget: k.wget,
      shell: k.shell,
      packageManager: k.packageManager,
      ports: [...(k.ports ?? [])],
      files: { list: newFileList(), count: 0 },
      contextCopies: undefined,
    },
  };
}

/** Bounds the number of files the model remembers per stage (a COPY list is not a file system). */
const MAX_FILES = 256;

function modelCache(model: DockerfileModel, stage: Stage): ModelCache {
  let byStage = modelCaches.get(model);
  if (!byStage) {
    byStage = new Map();
    modelCaches.set(model, byStage);
  }
  const hit = byStage.get(stage);
  if (hit) return hit;
  // every stage a stage reads from (its parent, COPY --from) comes earlier in the file: build them in file order,
  // so no stage waits on a recursive call
  for (const s of model.stages) {
    if (s.index > stage.index) break;
    if (byStage.has(s)) continue;
    const parent = s.parent ? byStage.get(s.parent) : undefined;
    // ARGs do not carry over into a child stage; ENV does (it is part of the image)
    let cur: MutableState = parent
      ? { ...(parent.states[parent.states.length - 1] as MutableState), args: new Map(), argNames: new Set() }
      : baseState(model, rootStageOf(model, s)).state;
    const states: MutableState[] = [];
    for (const ins of s.instructions) {
      states.push(cur);
      cur = applyInstruction(model, s, ins, cur) ?? cur;
    }
    states.push(cur);
    byStage.set(s, { states });
  }
  if (!byStage.has(stage)) byStage.set(stage, { states: [baseState(model, rootStageOf(model, stage)).state] });
  return byStage.get(stage) as ModelCache;
}

/** The state after `ins` when it changes anything the model tracks (a new object), else undefined. */
function applyInstruction(model: DockerfileModel, stage: Stage, ins: DockerInstruction, cur: MutableState): MutableState | undefined {
  const env = () => envLookup(model, stage, ins, cur);
  switch (ins.keyword) {
    case "USER": {
      const next = { ...cur };
      const raw = ins.argsText.trim();
      const expanded = expandKnown(raw, env());
      // USER takes one word (user[:group]); anything else fails the build or is not a user the model can name
      next.user = expanded && /^[^\s]+$/.test(expanded.value) ? expanded.value : undefined;
      next.userIns = ins;
      return next;
    }
    case "ARG": {
      const next = { ...cur, args: new Map(cur.args), argNames: new Set(cur.argNames) };
      for (const p of propertiesOf(ins)) {
        const global = model.globalArgDefaults.get(p.name);
        const value = p.hasValue ? p.value : global;
        next.argNames.add(p.name);
        if (value !== undefined) next.args.set(p.name, value);
        else next.args.delete(p.name);
      }
      return next;
    }
    case "EXPOSE": {
      const next = { ...cur, ports: [...cur.ports] };
      for (const p of ins.argsText.split(/\s+/)) {
        const m = /^(\d+)/.exec(expandKnown(p, env())?.value ?? "");
        if (m) next.ports.push(Number(m[1]));
      }
      return next;
    }
    case "COPY":
    case "ADD": {
      const c = copyArgs(ins);
      if (!c) return undefined;
      const destRaw = expandKnown(c.dest, env())?.value;
      const from = model.flag(ins, "from")?.getValue();
      const fromContext = from ? [] : contextSources(model, ins);
      const workdir = workdirAt(model, stage, ins);
      // into a folder: written so (`./`, `.`), several sources, or the WORKDIR (which exists)
      const intoFolder =
        /(^|\/)\.{0,2}$/.test(destRaw ?? c.dest) ||
        c.sources.length > 1 ||
        (destRaw !== undefined && joinPosix(workdir, destRaw) === workdir);
      // the copies from the build context, answered lazily by `fromContext` (shared until a copy adds one)
      const contextCopies: CopyChain | undefined =
        fromContext.length > 0
          ? {
              copy: { dest: destRaw === undefined ? undefined : joinPosix(workdir, destRaw), sources: fromContext, intoFolder },
              previous: cur.contextCopies,
            }
          : undefined;
      const withCopies = (next: MutableState | undefined): MutableState | undefined =>
        contextCopies ? { ...(next ?? cur), contextCopies } : next;
      if (destRaw === undefined) return withCopies(undefined);
      // collect the changes first, then copy the state only when one applies (a Dockerfile with thousands of
      // COPYs copied the whole file set at each)
      const files: string[] = [];
      const tools: Tool[] = [];
      const dest = joinPosix(workdir, destRaw);
      const fromStage = from ? model.stageByName(from) : undefined;
      for (const src of c.sources) {
        const base = src.replace(/\/+$/, "").split("/").pop() ?? "";
        // a folder's contents go into the destination, not a folder of its name (the build context is only read
        // when a rule asks `fromContext`, so the folder is known by its trailing slash here)
        const whole = src === "." || src === "./" || /[*?[]/.test(base) || src.endsWith("/");
        const target = intoFolder && !whole ? joinPosix(dest, base) : dest;
        files.push(target);
        if (fromStage && fromStage.index < stage.index) {
          // what the source stage had under the copied path comes along
          const srcCache = modelCaches.get(model)?.get(fromStage);
          const srcState = srcCache?.states[srcCache.states.length - 1];
          if (!srcState) continue;
          // BuildKit resolves a relative `COPY --from` source against the source stage's root, not its WORKDIR
          const srcPath = joinPosix("/", src);
          for (const f of filePaths(srcState.files)) {
            if (f === srcPath) continue;
            if (f.startsWith(srcPath + "/")) files.push(joinPosix(target, f.slice(srcPath.length + 1)));
          }
          for (const [tool, v] of srcState.tools) if (v && /(^|\/)(s?bin)(\/|$)/.test(target) && base === tool) tools.push(tool);
        }
        const name = target.split("/").pop() ?? "";
        if ((TOOLS as readonly string[]).includes(name) && /\/(s?bin)\/[^/]+$/.test(target)) tools.push(name as Tool);
      }
      return withCopies(withChanges(cur, files, tools));
    }
    case "RUN":
      return applyRun(model, stage, ins, cur, env);
    default:
      return undefined;
  }
}

/**
 * The files known in one state: the first `count` paths of a list the states of a stage share. A state only ever
 * adds to what came before, so the next state extends the same list when it is the list's last state, and copies
 * the prefix only where states branch (a second stage built on the same parent). Copying a set at every COPY grew
 * with the number of COPYs times the files known.
 */
interface KnownFiles {
  list: FileList;
  count: number;
}
interface FileList {
  paths: string[];
  /** Position of each path in `paths`. */
  at: Map<string, number>;
}

function newFileList(): FileList {
  return { paths: [], at: new Map() };
}

function hasFile(files: KnownFiles, path: string): boolean {
  const i = files.list.at.get(path);
  return i !== undefined && i < files.count;
}

/** The paths of `files`, in the order they became known. */
function filePaths(files: KnownFiles): readonly string[] {
  return files.count === files.list.paths.length ? files.list.paths : files.list.paths.slice(0, files.count);
}

/** `files` with `paths` added (in order, each once, up to MAX_FILES); the same object when nothing is new. */
function withFiles(files: KnownFiles, paths: readonly string[]): KnownFiles {
  let list = files.list;
  let count = files.count;
  for (const path of paths) {
    if (count >= MAX_FILES) break;
    const i = list.at.get(path);
    if (i !== undefined && i < count) continue;
    if (list.paths.length !== count) {
      // another state already extended this list past ours: continue on a copy of our part
      const copy = newFileList();
      for (let k = 0; k < count; k++) {
        copy.paths.push(list.paths[k] as string);
        copy.at.set(list.paths[k] as string, k);
      }
      list = copy;
    }
    list.at.set(path, count);
    list.paths.push(path);
    count++;
  }
  return count === files.count ? files : { list, count };
}

/** `cur` with `files` added and `tools` known present: a new state when that changes anything, else undefined. */
function withChanges(cur: MutableState, files: readonly string[], tools: readonly Tool[]): MutableState | undefined {
  const newFiles = cur.files.count < MAX_FILES && files.some((f) => !hasFile(cur.files, f));
  const newTools = tools.some((t) => cur.tools.get(t) !== true);
  if (!newFiles && !newTools) return undefined;
  const next = { ...cur };
  if (newFiles) next.files = withFiles(cur.files, files);
  if (newTools) {
    next.tools = new Map(cur.tools);
    for (const t of tools) next.tools.set(t, true);
  }
  return next;
}

function applyRun(
  model: DockerfileModel,
  stage: Stage,
  ins: DockerInstruction,
  cur: MutableState,
  env: () => Lookup,
): MutableState | undefined {
  const cmds = model.shellCommands(ins);
  if (cmds.length === 0) return undefined;
  // collect the changes first: most RUNs change nothing the model tracks, and copying the state for each is costly
  // the tool changes and the lookup are made when a command needs them (most RUNs change nothing tracked here)
  let tools: Map<Tool, boolean | undefined> | undefined;
  const setTool = (t: Tool, v: boolean | undefined) => (tools ??= new Map()).set(t, v);
  const toolOf = (t: Tool) => (tools?.has(t) ? tools.get(t) : cur.tools.get(t));
  const files: string[] = [];
  let wget = cur.wget;
  let shell = cur.shell;
  let workdir = workdirAt(model, stage, ins);
  let lookup: Lookup | undefined;
  const at = (rel: string) => joinPosix(workdir, expandKnown(rel, (lookup ??= env()))?.value ?? rel);
  for (const cmd of cmds) {
    const p = programOf(cmd);
    if (!p) continue;
    const args: string[] = [];
    for (let k = p.index + 1; k < cmd.words.length; k++) args.push((cmd.words[k] as ShellWord).value);
    // a program written to a path by other means (`-o /usr/local/bin/curl`, `ln -s … /usr/bin/wget`): no longer known missing
    for (const w of cmd.words) {
      const m = /\/([a-z0-9-]+)$/.exec(w.value);
      if (!m || !(TOOLS as readonly string[]).includes(m[1] as string)) continue;
      // written into a bin folder (`wget -O /usr/local/bin/gosu …`, `chmod +x /usr/local/bin/gosu`): on PATH now
      if (WRITES_FILE.test(p.name) && /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/.test(w.value)) setTool(m[1] as Tool, true);
      else if (toolOf(m[1] as Tool) === false) setTool(m[1] as Tool, undefined);
    }
    const pk = packagesOf(cmd);
    if (pk && pk.manager !== "pip") {
      for (const n of pk.names) {
        for (const t of PROVIDES[n.name] ?? []) setTool(t, true);
        if (n.name === "wget") wget = "gnu";
        if ((n.name === "busybox" || n.name === "busybox-static") && wget !== "gnu") wget = "busybox";
      }
      continue;
    }
    if (OS_REMOVE.some((r) => r.program.test(p.name) && r.sub.test(args.find((a) => !a.startsWith("-")) ?? ""))) {
      for (const a of args.filter((x) => !x.startsWith("-")).slice(1)) {
        for (const t of PROVIDES[a] ?? []) setTool(t, false);
        if (a === "wget") wget = wget === "gnu" ? "none" : wget;
      }
      continue;
    }
    if (p.name === "cd" && args[0] && !args[0].includes("$")) workdir = joinPosix(workdir, args[0]);
    else if (p.name === "uv" && (args[0] === "sync" || (args[0] === "venv" && !args[1]))) {
      // one lookup per RUN, made when a command needs it
      const venv = (lookup ??= env()).get("UV_PROJECT_ENVIRONMENT");
      files.push(venv ? at(venv) : at(".venv"));
    } else if (p.name === "uv" && args[0] === "venv" && args[1]) files.push(at(args[1]));
    else if (/^python[0-9.]*$/.test(p.name) && args[0] === "-m" && args[1] === "venv" && args[2])
      files.push(at(args[args.length - 1] as string));
    else if (/^(pip|pip3)$/.test(p.name) || (/^python[0-9.]*$/.test(p.name) && args.includes("pip"))) {
      const t = args.findIndex((a) => a === "--target" || a === "-t" || a === "--prefix");
      if (t >= 0 && args[t + 1]) files.push(at(args[t + 1] as string));
      const eq = args.find((a) => /^--(target|prefix)=/.test(a));
      if (eq) files.push(at(eq.slice(eq.indexOf("=") + 1)));
    } else if (
      (p.name === "npm" && /^(ci|install|i)$/.test(args[0] ?? "")) ||
      (p.name === "yarn" && (args.length === 0 || args[0] === "install")) ||
      (p.name === "pnpm" && /^(install|i)$/.test(args[0] ?? ""))
    )
      files.push(at("node_modules"));
    else if (p.name === "go" && args[0] === "build") {
      const o = args.indexOf("-o");
      if (o >= 0 && args[o + 1]) files.push(at(args[o + 1] as string));
    } else if ((p.name === "poetry" || p.name === "uv") && args[0] === "build") files.push(at("dist"));
    else if (p.name === "npm" && args[0] === "run" && args[1] === "build") files.push(at("dist"));
    else if (p.name === "mkdir") for (const a of args.filter((x) => !x.startsWith("-"))) files.push(at(a));
    else if (p.name === "rm" && args.some((a) => /^-[a-z]*[rf]/.test(a))) {
      for (const a of args.filter((x) => !x.startsWith("-"))) {
        const path = at(a);
        if (/^\/(usr\/)?bin\/(sh|bash|dash|busybox)$/.test(path)) setTool(path.endsWith("bash") ? "bash" : "sh", false);
        if (/^\/(usr\/)?bin\/(sh|busybox)$/.test(path)) shell = false;
      }
    }
  }
  if (!tools && files.length === 0 && wget === cur.wget && shell === cur.shell) return undefined;
  const next: MutableState = { ...cur, wget, shell };
  if (tools) next.tools = new Map([...cur.tools, ...tools]);
  if (files.length > 0) next.files = withFiles(cur.files, files);
  return next;
}

/** Whether the context copies so far brought `path` in (see `ImageState.fromContext`). */
function contextCopyPresence(ctx: BuildContext | undefined, copies: readonly ContextCopy[], path: string): ContextPresence {
  let answer: ContextPresence = "no";
  for (const c of copies) {
    const under = (d: string) => path === d || path.startsWith(d === "/" ? "/" : d + "/");
    if (c.dest === undefined) {
      answer = "maybe";
      continue;
    }
    const dest = c.dest;
    for (const src of c.sources) {
      const p = copiedPresence(ctx, src, dest, c.intoFolder, path, under);
      if (p === "yes") return "yes";
      if (p === "maybe") answer = "maybe";
    }
  }
  return answer;
}

function copiedPresence(
  ctx: BuildContext | undefined,
  src: string,
  dest: string,
  intoFolder: boolean,
  path: string,
  under: (d: string) => boolean,
): ContextPresence {
  if (!under(dest)) return "no";
  const rest = path === dest ? "" : path.slice(dest === "/" ? 1 : dest.length + 1);
  const rel = contextRelative(src);
  const name = rel.split("/").pop() ?? "";
  if (src.includes("$")) return "maybe";
  if (/[*?[]/.test(rel)) {
    // a pattern in the last segment (`uv.lock*`, `requirements*.txt`): each match lands in the destination folder
    const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
    if (/[*?[]/.test(dir) || rest === "") return ctx ? "no" : "maybe";
    if (!ctx) return "maybe";
    const first = rest.split("/")[0] as string;
    for (const entry of contextList(ctx, dir)) {
      if (!globMatches(name, entry)) continue;
      const at = dir === "" ? entry : `${dir}/${entry}`;
      // a matching file is copied by its name; a matching folder's contents go into the destination
      if (contextIsDir(ctx, at)) {
        if (contextPresence(ctx, `${at}/${rest}`) === "yes") return "yes";
      } else if (entry === first && rest === entry) return "yes";
    }
    return "no";
  }
  if (!ctx) {
    // a folder's contents (anything under the destination) or a file by its name (or as the destination itself)
    return "maybe";
  }
  const isDir = contextIsDir(ctx, rel);
  if (isDir === undefined || contextPresence(ctx, rel) === "no") return "no";
  if (isDir) return rest === "" ? "yes" : contextPresence(ctx, rel === "" ? rest : `${rel}/${rest}`);
  // a file lands at the destination, or inside it when the destination is a folder (written so, or one that exists)
  const inside = `${dest === "/" ? "" : dest}/${name}`;
  return path === inside || (!intoFolder && path === dest) ? "yes" : "no";
}

/** What expansion needs from an environment: one name at a time. */
interface Lookup {
  get(name: string): string | undefined;
}

/** Expands the variables of `text` from `env`; undefined when one is unknown. */
function expandKnown(text: string, env: Lookup): { value: string; certain: boolean } | undefined {
  let unknown = false;
  const value = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_w, braced, op, word, bare) => {
      const name = (braced ?? bare) as string;
      const v = env.get(name);
      if (op === ":-" || op === "-") return v === undefined || (op === ":-" && v === "") ? ((word as string) ?? "") : v;
      if (op === ":+" || op === "+") return v !== undefined && (op === "+" || v !== "") ? ((word as string) ?? "") : "";
      if (v === undefined) unknown = true;
      return v ?? "";
    },
  );
  return unknown ? undefined : { value, certain: true };
}

/** ENV of the base image, then the lineage's ENV (ENV wins over ARG of the same name, as in Docker). */
function fullEnv(model: DockerfileModel, stage: Stage, ins: DockerInstruction | undefined, s: MutableState): Map<string, string> {
  const root = rootStageOf(model, stage);
  const base = imageFacts(root.image, model.imageTable).known.env ?? {};
  const out = new Map<string, string>(Object.entries(base));
  for (const [k, v] of s.args) out.set(k, v);
  for (const [k, v] of envOf(model, stage, ins)) out.set(k, v);
  return out;
}

/** The same lookups as `fullEnv` without building the map (a stage with thousands of ENVs stays linear). */
function envLookup(model: DockerfileModel, stage: Stage, ins: DockerInstruction | undefined, s: MutableState): Lookup {
  const env = envOf(model, stage, ins);
  let base: Record<string, string> | undefined;
  return {
    get: (name) => {
      const v = env.get(name) ?? s.args.get(name);
      if (v !== undefined) return v;
      base ??= imageFacts(rootStageOf(model, stage).image, model.imageTable).known.env ?? {};
      return Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined;
    },
  };
}

const EMPTY_NAMES: ReadonlySet<string> = new Set();

/**
 * The image as the model knows it just before `ins` (or at the end of the stage): user, environment, shell,
 * tools, package manager, libc, WORKDIR, exposed ports and files known to exist. Unknown facts stay undefined.
 */
export function imageStateAt(model: DockerfileModel, stage: Stage, ins?: DockerInstruction): ImageState {
  const owner = ins?.stage ?? stage;
  // the position from the stage cache's index (indexOf made a rule asking at every RUN quadratic)
  const i = ins ? (stageCache(model, owner).own.get(ins) ?? -1) : -1;
  const at = i >= 0 ? ins : undefined;
  // one state per instruction (or stage end) and model: several rules ask at every RUN, and each answer built
  // its closures, environment lookup and ARG names again
  const key = at ?? owner;
  const kept = stateMemo.get(key);
  if (kept && kept.model === model) return kept.state;
  const state = buildImageState(model, owner, i, at);
  stateMemo.set(key, { model, state });
  return state;
}

const stateMemo = objectMemo<object, { model: DockerfileModel; state: ImageState }>("shipshape.imageState");

function buildImageState(model: DockerfileModel, owner: Stage, i: number, at: DockerInstruction | undefined): ImageState {
  const c = modelCache(model, owner);
  const s = (i >= 0 ? c.states[i] : c.states[c.states.length - 1]) as MutableState;
  const root = rootStageOf(model, owner);
  const base = imageFacts(root.image, model.imageTable);
  const lookup = envLookup(model, owner, at, s);
  let env: Map<string, string> | undefined;
  let argNames: ReadonlySet<string> | undefined;
  const names = (): ReadonlySet<string> => {
    if (argNames) return argNames;
    if (s.argNames.size === 0) return (argNames = EMPTY_NAMES);
    const stageEnv = envOf(model, owner, at);
    return (argNames = new Set([...s.argNames].filter((n) => !stageEnv.has(n))));
  };
  let workdir: string | undefined;
  const written = root.from.argsText;
  let files: ReadonlySet<string> | undefined;
  return {
    stage: owner,
    base,
    baseFromArg: /\$/.test(written.replace(/\s+AS\s+\S+\s*$/i, "")),
    user: s.user,
    userIns: s.userIns,
    get env() {
      return (env ??= fullEnv(model, owner, at, s));
    },
    getEnv: (name) => lookup.get(name),
    get argNames() {
      return names();
    },
    shell: s.shell,
    wget: s.tools.get("wget") === false ? "none" : s.wget,
    packageManager: s.packageManager,
    libc: base.known.libc,
    get workdir() {
      return (workdir ??= workdirAt(model, owner, at));
    },
    ports: s.ports,
    get files() {
      return (files ??= new Set(filePaths(s.files)));
    },
    fromContext: (path) => contextCopyPresence(buildContextOf(model), chainCopies(s.contextCopies), path),
    get contextKnown() {
      return buildContextOf(model) !== undefined;
    },
    has: (tool) => s.tools.get(tool),
    expand: (text) => {
      const r = expandKnown(text, lookup);
      if (!r) return undefined;
      const usesArg = [...names()].some((n) => new RegExp(`\\$\\{?${n}\\b`).test(text));
      return { value: r.value, certain: !usesArg };
    },
  };
}

/**
 * Where a package manager keeps its download cache in this state (honouring PIP_CACHE_DIR, UV_CACHE_DIR,
 * POETRY_CACHE_DIR, npm_config_cache, YARN_CACHE_FOLDER, PNPM_STORE_DIR and the user's home).
 */
export function cacheFolders(
  state: ImageState,
  manager: "apt" | "apk" | "dnf" | "microdnf" | "yum" | "zypper" | "pip" | "uv" | "poetry" | "npm" | "yarn" | "pnpm",
): string[] {
  const home = state.getEnv("HOME") ?? (state.user === undefined || isRootUser(state.user) ? "/root" : `/home/${state.user.split(":")[0]}`);
  const xdg = state.getEnv("XDG_CACHE_HOME") ?? `${home}/.cache`;
  const env = (name: string) => state.getEnv(name);
  switch (manager) {
    case "apt":
      return ["/var/cache/apt", "/var/lib/apt/lists"];
    case "apk":
      return ["/var/cache/apk"];
    case "dnf":
      return ["/var/cache/dnf"];
    case "microdnf":
    case "yum":
      return ["/var/cache/yum"];
    case "zypper":
      return ["/var/cache/zypp"];
    case "pip":
      return [env("PIP_CACHE_DIR") ?? `${xdg}/pip`];
    case "uv":
      return [env("UV_CACHE_DIR") ?? `${xdg}/uv`];
    case "poetry":
      return [env("POETRY_CACHE_DIR") ?? `${xdg}/pypoetry`];
    case "npm":
      return [env("npm_config_cache") ?? env("NPM_CONFIG_CACHE") ?? `${home}/.npm`];
    case "yarn":
      return [
        env("YARN_CACHE_FOLDER") ?? (state.user === undefined || isRootUser(state.user) ? "/usr/local/share/.cache/yarn" : `${xdg}/yarn`),
      ];
    case "pnpm":
      return [env("PNPM_STORE_DIR") ?? env("npm_config_store_dir") ?? `${home}/.local/share/pnpm/store`];
  }
}
