import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { COMPOSE_BASE_NAMES, COMPOSE_OVERRIDE_NAMES, MAX_CHARS_BY_KIND, detectKind } from "../kinds";
import { basename, dirname, join, resolvePath } from "../paths";
import type { WorkspaceFs } from "../types";
import { emptyFs } from "../workspace";
import { ComposeFileModel, scalarText, type ServiceModel } from "./compose";
import { isPlainMap, mergeMaps, toPlain, type Plain, type PlainMap } from "./composeMerge";

/**
 * How a file takes part in a project:
 * - `base`: `compose.yaml` / `compose.yml` / `docker-compose.y(a)ml` (the first Compose finds),
 * - `override`: `compose.override.y(a)ml`, loaded by default on top of the base,
 * - `variant`: other `compose.*.yml`, `compose-*.yml`, `docker-compose.*.yml` layered with `-f`,
 * - `include`: a file pulled in by a top-level `include:`.
 */
export type ComposeFileRole = "base" | "override" | "variant" | "include";

/** One key of a service as the merged project sees it: the last file that sets it wins. */
export interface ServiceValue {
  file: ComposeFileModel;
  service: ServiceModel;
  pair: Pair;
  /** The value, aliases resolved. */
  value: Node | undefined;
}

/**
 * The compose files that belong together (a base file and its overrides in one folder),
 * read in the order `docker compose -f base -f override …` would merge them.
 */
export class ComposeProject {
  constructor(
    /** Base first, then overrides. */
    readonly files: ComposeFileModel[],
    /** The workspace the project was read from (rules read Dockerfiles, `.env.example` … through it). */
    readonly fs: WorkspaceFs = emptyFs,
    /** Files pulled in with `include:` (their services resolve references, they are not linted as part of this file). */
    readonly included: ComposeFileModel[] = [],
  ) {}

  get base(): ComposeFileModel | undefined {
    return this.files.find((f) => COMPOSE_BASE_NAMES.includes(basename(f.path)));
  }

  /** The folder the project lives in (relative paths in the files resolve against it). */
  get dir(): string {
    return dirname((this.base ?? this.files[0])?.path ?? "/");
  }

  role(file: ComposeFileModel): ComposeFileRole {
    if (this.included.includes(file)) return "include";
    const name = basename(file.path);
    if (COMPOSE_BASE_NAMES.includes(name)) return "base";
    if (COMPOSE_OVERRIDE_NAMES.includes(name)) return "override";
    return "variant";
  }

  /**
   * True for the file the practices call the production base: `compose.yml` and friends, or the only file
   * when there is no base. Dev settings belong elsewhere.
   */
  isProductionBase(file: ComposeFileModel): boolean {
    const role = this.role(file);
    if (role === "base") return true;
    if (role !== "variant") return false;
    const name = basename(file.path).toLowerCase();
    if (/(^|[._-])(dev|development|local|debug|test|ci)([._-]|$)/.test(name.replace(/^(docker-)?compose/, ""))) return false;
    return /(^|[._-])(prod|production)([._-]|$)/.test(name);
  }

  /** True when the file is meant for development (override, `compose-dev.yml`, `docker-compose.dev.yaml` …). */
  isDevFile(file: ComposeFileModel): boolean {
    const role = this.role(file);
    if (role === "override") return true;
    const name = basename(file.path)
      .toLowerCase()
      .replace(/^(docker-)?compose/, "");
    return /(^|[._-])(dev|development|local|debug)([._-]|$)/.test(name);
  }

  /** Every definition of a service, base file first (included files before the project's own). */
  definitions(name: string): ServiceModel[] {
    const out: ServiceModel[] = [];
    for (const f of [...this.included, ...this.files]) {
      const s = f.service(name);
      if (s) out.push(s);
    }
    return out;
  }

  serviceNames(): string[] {
    const names = new Set<string>();
    for (const f of [...this.included, ...this.files]) for (const s of f.services) names.add(s.name);
    return [...names];
  }

  hasService(name: string): boolean {
    return this.definitions(name).length > 0;
  }

  /** Names defined under a top-level section (`volumes`, `networks`, `secrets`, `configs`) in any file. */
  topLevelNames(section: string): Set<string> {
    const names = new Set<string>();
    for (const f of [...this.included, ...this.files]) {
      const v = f.topLevelValue(section);
      if (isMap(v)) {
        for (const item of v.items) {
          const k = scalarText(item.key);
          if (k !== undefined) names.add(k);
        }
      }
    }
    return names;
  }

  /** Where a top-level name is defined: the key of `section.name` in the first file that has it. */
  topLevelDefinition(section: string, name: string): { file: ComposeFileModel; pair: Pair } | undefined {
    for (const f of [...this.included, ...this.files]) {
      const v = f.topLevelValue(section);
      if (isMap(v)) {
        const pair = f.pair(v, name);
        if (pair) return { file: f, pair };
      }
    }
    return undefined;
  }

  /**
   * The value of `key` for a service where it is written: the last file that sets it wins; `!reset` clears it;
   * when no file sets it, the service it `extends` is asked (in this project, or in the file `extends.file` names).
   * Bounded against `extends` cycles. For the merged value (mappings merged across files), use `merged`.
   */
  value(name: string, key: string, depth = 0): ServiceValue | undefined {
    if (depth > 8) return undefined;
    const defs = this.definitions(name);
    for (let i = defs.length - 1; i >= 0; i--) {
      const s = defs[i] as ServiceModel;
      const pair = s.file.pair(s.node, key);
      if (!pair) continue;
      if ((pair.value as { tag?: string } | null)?.tag === "!reset") return undefined;
      return { file: s.file, service: s, pair, value: s.file.resolve(pair.value) };
    }
    for (let i = defs.length - 1; i >= 0; i--) {
      const s = defs[i] as ServiceModel;
      const target = this.extendsTarget(s.file, s);
      if (!target || !target.service) continue;
      if (target.file === undefined) {
        if (target.name !== name) return this.value(target.name, key, depth + 1);
        continue;
      }
      return this.valueIn(target.file, target.service, key, depth + 1);
    }
    return undefined;
  }

  /** `value` inside one file that is not part of the project (an `extends.file` target). */
  private valueIn(file: ComposeFileModel, svc: ServiceModel, key: string, depth: number): ServiceValue | undefined {
    if (depth > 8) return undefined;
    const pair = file.pair(svc.node, key);
    if (pair) {
      if ((pair.value as { tag?: string } | null)?.tag === "!reset") return undefined;
      return { file, service: svc, pair, value: file.resolve(pair.value) };
    }
    const target = this.extendsTarget(file, svc);
    if (!target?.service) return undefined;
    return this.valueIn(target.file ?? file, target.service, key, depth + 1);
  }

  private readonly externalFiles = new Map<string, ComposeFileModel | undefined>();

  /** A compose file outside the project (named by `extends.file`), read once through the workspace. */
  externalFile(path: string): ComposeFileModel | undefined {
    const known = [...this.files, ...this.included].find((f) => f.path === path);
    if (known) return known;
    if (this.externalFiles.has(path)) return this.externalFiles.get(path);
    const text = this.externalFiles.size < 64 ? this.fs.readFile(path) : undefined;
    const model = text === undefined || text.length > 2_000_000 ? undefined : new ComposeFileModel(path, text);
    this.externalFiles.set(path, model);
    return model;
  }

  /**
   * What a service's `extends` points at: the service name, the file it lives in (undefined: this project) and the
   * service model when found. `missing` says what could not be found.
   */
  extendsTarget(
    file: ComposeFileModel,
    svc: ServiceModel,
  ): { name: string; file?: ComposeFileModel; service?: ServiceModel; path?: string; missing?: "file" | "service" } | undefined {
    const v = file.get(svc.node, "extends");
    let name: string | undefined;
    let rel: string | undefined;
    if (isScalar(v)) name = scalarText(v);
    else if (isMap(v)) {
      name = file.scalar(v, "service");
      rel = file.scalar(v, "file");
    }
    if (!name || name.includes("$")) return undefined;
    if (rel === undefined) {
      // same file first (Compose resolves extends per file), then the project
      const own = file.service(name);
      if (own && own !== svc) return { name, file, service: own };
      const inProject = this.definitions(name).find((d) => d !== svc);
      return inProject ? { name, service: inProject } : { name, missing: "service" };
    }
    if (rel.includes("$")) return undefined;
    const path = resolvePath(dirname(file.path), rel);
    const target = this.externalFile(path);
    if (!target) return { name, path, missing: "file" };
    const service = target.service(name);
    return service ? { name, file: target, service, path } : { name, file: target, path, missing: "service" };
  }

  /**
   * One file's definition of a service with its `extends` chain applied (plain values, Compose's merge rules).
   * Bounded: at most 8 levels, each service once.
   */
  resolvedDefinition(file: ComposeFileModel, name: string, depth = 0, seen: ReadonlySet<string> = new Set()): PlainMap {
    const svc = file.service(name);
    if (!svc?.node) return {};
    const own = toPlain(svc.node, (n) => file.resolve(n));
    if (!isPlainMap(own)) return {};
    if ("extends" in own) delete own.extends;
    const key = `${file.path}#${name}`;
    const target = depth < 8 && !seen.has(key) ? this.extendsTarget(file, svc) : undefined;
    // `!reset` / `!override` stay in a definition without extends: they apply when the files are merged
    if (!target?.service) return own;
    const next = new Set(seen).add(key);
    const baseFile = target.file ?? target.service.file;
    const base = this.resolvedDefinition(baseFile, target.name, depth + 1, next);
    return mergeMaps(base, own);
  }

  private readonly mergedCache = new Map<string, PlainMap | undefined>();

  /**
   * A service as `docker compose config` merges it (before variable interpolation): every file of the project in
   * order, each definition with its `extends` applied; mappings merged, sequences by the per-key rules, `!reset`
   * and `!override` applied.
   */
  merged(name: string): PlainMap | undefined {
    if (this.mergedCache.has(name)) return this.mergedCache.get(name);
    let acc: PlainMap | undefined;
    for (const def of this.definitions(name)) {
      const own = this.resolvedDefinition(def.file, name);
      // merging into {} also brings list forms (environment: [A=1]) to their mapping form
      acc = mergeMaps(acc ?? {}, own);
    }
    // mergeMaps leaves no `!reset` or `!override` behind when it starts from {} (each value it keeps went through clean)
    const out = acc;
    this.mergedCache.set(name, out);
    return out;
  }

  /** A value inside the merged service, by path (`["deploy", "resources", "limits", "memory"]`). */
  mergedIn(name: string, path: readonly string[]): Plain | undefined {
    let v: Plain | undefined = this.merged(name);
    for (const k of path) {
      if (!isPlainMap(v)) return undefined;
      v = v[k];
    }
    return v;
  }

  /** Scalar text of a merged key. */
  scalar(name: string, key: string): string | undefined {
    return scalarText(this.value(name, key)?.value);
  }

  /** The service named by `extends` (string form or `service:` without `file:`), when it extends one in this project. */
  extendsOf(name: string): string | undefined {
    for (const s of this.definitions(name).reverse()) {
      const v = s.file.get(s.node, "extends");
      if (isScalar(v)) return scalarText(v);
      if (isMap(v) && s.file.get(v, "file") === undefined) return s.file.scalar(v, "service");
    }
    return undefined;
  }

  /** The image a service runs (merged), when it names one. */
  image(name: string): string | undefined {
    return this.scalar(name, "image");
  }

  /** The merged healthcheck map of a service; undefined when none or when it is disabled. */
  healthcheck(name: string): ServiceValue | undefined {
    const v = this.value(name, "healthcheck");
    if (!v || !isMap(v.value)) return undefined;
    const map = v.value as YAMLMap;
    if (v.file.scalar(map, "disable") === "true") return undefined;
    const test = v.file.get(map, "test");
    const first = isSeq(test) ? scalarText(v.file.items(test)[0]) : scalarText(test);
    if (first === "NONE") return undefined;
    return v;
  }

  /** `healthcheck.disable: true` or `test: ["NONE"]` somewhere in the merged service. */
  healthcheckDisabled(name: string): boolean {
    const v = this.value(name, "healthcheck");
    if (!v || !isMap(v.value)) return false;
    return this.healthcheck(name) === undefined;
  }
}

/** Builds the project for `file`: the other compose files in its folder, base file first. */
export function loadComposeProject(file: ComposeFileModel, fs: WorkspaceFs, cache?: Map<string, ComposeFileModel>): ComposeProject {
  const dir = dirname(file.path);
  const names = fs.readDir(dir).filter((n) => detectKind(n) === "compose");
  const files: ComposeFileModel[] = [];
  const read = (p: string): ComposeFileModel | undefined => {
    if (p === file.path) return file;
    const text = fs.readFile(p);
    if (text === undefined || text.length > MAX_CHARS_BY_KIND.compose) return undefined;
    // keyed by content: a file that changed since it was parsed (on disk, in an editor) is parsed again
    const cached = cache?.get(p);
    if (cached?.text === text) return cached;
    const model = new ComposeFileModel(p, text);
    cache?.set(p, model);
    return model;
  };
  for (const n of names) {
    const model = read(join(dir, n));
    if (model) files.push(model);
  }
  if (!files.includes(file)) files.push(file);
  // Compose reads only the first base name it finds; a second one (docker-compose.yml next to compose.yaml) is ignored
  const bases = files.filter((f) => COMPOSE_BASE_NAMES.includes(basename(f.path)));
  bases.sort((a, b) => rank(basename(a.path)) - rank(basename(b.path)));
  const ignored = new Set(bases.slice(1).filter((f) => f !== file));
  const kept = files.filter((f) => !ignored.has(f));
  kept.sort((a, b) => rank(basename(a.path)) - rank(basename(b.path)) || a.path.localeCompare(b.path));

  const included: ComposeFileModel[] = [];
  for (const f of kept) {
    for (const p of includePaths(f)) {
      if (included.length >= 32) break;
      const model = read(p);
      if (model && !kept.includes(model) && !included.includes(model)) included.push(model);
    }
  }
  return new ComposeProject(kept, fs, included);
}

/** Paths named by a file's top-level `include:` (string items, or `path:` as a string or list). */
export function includePaths(file: ComposeFileModel): string[] {
  const out: string[] = [];
  const dir = dirname(file.path);
  for (const item of file.items(file.topLevelValue("include"))) {
    if (isScalar(item)) {
      const p = scalarText(item);
      if (p && !p.includes("$")) out.push(resolvePath(dir, p));
    } else if (isMap(item)) {
      const v = file.get(item, "path");
      const list = isSeq(v) ? file.items(v) : [v];
      for (const x of list) {
        const p = scalarText(x);
        if (p && !p.includes("$")) out.push(resolvePath(dir, p));
      }
    }
  }
  return out;
}

function rank(name: string): number {
  const i = COMPOSE_BASE_NAMES.indexOf(name);
  if (i >= 0) return i;
  return COMPOSE_OVERRIDE_NAMES.includes(name) ? 10 : /override/.test(name) ? 11 : 20;
}
