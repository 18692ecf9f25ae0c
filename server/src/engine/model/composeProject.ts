import { COMPOSE_BASE_NAMES, detectKind } from "../kinds";
import { basename, dirname, join } from "../paths";
import type { WorkspaceFs } from "../types";
import { ComposeFileModel, type ServiceModel } from "./compose";

/**
 * The compose files that belong together (a base file and its overrides in one folder),
 * read in the order `docker compose -f base -f override …` would merge them.
 */
export class ComposeProject {
  constructor(
    /** Base first, then overrides. */
    readonly files: ComposeFileModel[],
  ) {}

  get base(): ComposeFileModel | undefined {
    return this.files.find((f) => COMPOSE_BASE_NAMES.includes(basename(f.path)));
  }

  /** Every definition of a service, base file first. */
  definitions(name: string): ServiceModel[] {
    const out: ServiceModel[] = [];
    for (const f of this.files) {
      const s = f.service(name);
      if (s) out.push(s);
    }
    return out;
  }

  serviceNames(): string[] {
    const names = new Set<string>();
    for (const f of this.files) for (const s of f.services) names.add(s.name);
    return [...names];
  }

  /** Names defined under a top-level section (`volumes`, `networks`, `secrets`, `configs`) in any file. */
  topLevelNames(section: string): Set<string> {
    const names = new Set<string>();
    for (const f of this.files) {
      const v = f.topLevelValue(section);
      if (v && "items" in v && Array.isArray((v as { items: unknown[] }).items)) {
        for (const item of (v as { items: { key?: unknown }[] }).items) {
          const k = item.key as { value?: unknown } | undefined;
          if (k && (typeof k.value === "string" || typeof k.value === "number")) names.add(String(k.value));
        }
      }
    }
    return names;
  }
}

/** Builds the project for `file`: the other compose files in its folder, base file first. */
export function loadComposeProject(file: ComposeFileModel, fs: WorkspaceFs, cache?: Map<string, ComposeFileModel>): ComposeProject {
  const dir = dirname(file.path);
  const names = fs.readDir(dir).filter((n) => detectKind(n) === "compose");
  const files: ComposeFileModel[] = [];
  for (const n of names) {
    const p = join(dir, n);
    if (p === file.path) {
      files.push(file);
      continue;
    }
    const cached = cache?.get(p);
    if (cached) {
      files.push(cached);
      continue;
    }
    const text = fs.readFile(p);
    if (text === undefined || text.length > 2_000_000) continue;
    const model = new ComposeFileModel(p, text);
    cache?.set(p, model);
    files.push(model);
  }
  if (!files.includes(file)) files.push(file);
  files.sort((a, b) => rank(basename(a.path)) - rank(basename(b.path)) || a.path.localeCompare(b.path));
  return new ComposeProject(files);
}

function rank(name: string): number {
  const i = COMPOSE_BASE_NAMES.indexOf(name);
  if (i >= 0) return i;
  return /override/.test(name) ? 10 : 20;
}
