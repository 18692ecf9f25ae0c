import type { Connection, Diagnostic, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { CONFIG_FILE_NAMES, optionProblems, type ShipshapeConfig } from "../engine/config";
import { checkConfigText } from "../engine/configCheck";
import { findConfigFile } from "../engine/configLookup";
import { ENCODING_RULE_ID, encodingFinding, utf16Signature, type Utf16Signature } from "../engine/encoding";
import { fixToFixedPoint, isSafeFix, type FixRunResult } from "../engine/fixes";
import { allRules } from "../engine/rules";
import { detectKind } from "../engine/kinds";
import { lintInSteps, SKIPPED_FILE_RULE_ID } from "../engine/linter";
import { ComposeFileModel } from "../engine/model/compose";
import { loadComposeProject, type ComposeProject } from "../engine/model/composeProject";
import { DockerfileModel } from "../engine/model/dockerfile";
import { dirname } from "../engine/paths";
import type { FileKind, Finding, Fix, WorkspaceFs } from "../engine/types";
import { emptyFs } from "../engine/workspace";
import { recordingFs } from "./documentFs";
import { applyWorkspaceBaseline } from "./baseline";
import { toDiagnostic } from "./diagnostics";
import type { DocumentStates } from "./documentState";
import { ActiveClock, LintQueue, nextTurn, runInSlices } from "./lintSlices";
import { shapeOf, withinBaseLimits } from "./features";
import type { DockerfileService } from "./dockerfileService";
import { baseFeaturesEnabled, mergeConfig, type ClientSettings } from "./settings";
import type { SettingsStore } from "./settingsStore";
import { pathToUri, schemePolicy, uriToPath } from "./uris";

/**
 * The time one document's rules may take per lint in the server: past it, the remaining rules are skipped and
 * one diagnostic names them, so a pathological file never blocks hovers and completion for long.
 */
export const LINT_BUDGET_MS = 3000;

/**
 * The pause after an edit before its lint starts. Short, because a lint runs in slices and stops when a newer text
 * arrives (lintSlices.ts): a keystroke during a lint costs that lint, not a wait for it. Not zero: an edit that
 * comes as several notifications (a multi-cursor edit, an undo) lints once.
 */
export const LINT_DEBOUNCE_MS = 30;

/** The longest pause (see `lintPause`). */
export const MAX_LINT_DEBOUNCE_MS = 150;

/**
 * The pause before a document's lint: LINT_DEBOUNCE_MS, or as long as building its model took last time when that
 * was longer (up to MAX_LINT_DEBOUNCE_MS). A lint cannot stop while it builds the model (one YAML parse of a large
 * compose file); a keystroke that comes meanwhile waits for it anyway, so waiting before the build costs the same
 * latency and saves building a model nobody will see.
 */
export function lintPause(lastModelMs: number | undefined): number {
  return Math.min(MAX_LINT_DEBOUNCE_MS, Math.max(LINT_DEBOUNCE_MS, Math.round(lastModelMs ?? 0)));
}

/** Open documents whose parsed model stays in memory between requests (the most recently used). */
export const MAX_KEPT_MODELS = 16;

/** Documents that read an edited one re-lint after this pause (the edited document's own lint goes first). */
export const DEPENDENT_DEBOUNCE_MS = 300;

/** A lint that takes longer than this is named in the log with its time. */
export const SLOW_LINT_MS = 250;

/** No lint for this long after the last one: the host may tidy up (the Node server returns memory, node/memory.ts). */
export const IDLE_AFTER_MS = 250;

/** The last published lint of an open document. */
export interface LintState {
  uri: string;
  version: number;
  /** The text's revision (DocumentStates): a reopened document at the same version is another revision. */
  revision: number;
  path: string;
  kind: FileKind;
  text: string;
  findings: Finding[];
  model: DockerfileModel | ComposeFileModel | undefined;
  settings: ClientSettings;
  config: ShipshapeConfig;
  /** Paths the rules read (neighbour files, folders): a change to one re-lints this document. */
  touched: Set<string>;
}

/** A file system answered asynchronously (services/cachedFs.ts). */
interface AsyncFilledFs {
  readonly pending: boolean;
  settle(): Promise<void>;
  forget(path: string): void;
}

/** Lint rounds at most while neighbour files arrive (each round may read files the previous one did not). */
const MAX_FILL_ROUNDS = 4;

export class LintService {
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; first: boolean }>();
  /** Lints run one at a time (each in slices); a document asked for twice waits once. */
  private readonly queue: LintQueue;
  private readonly states = new Map<string, LintState>();
  /** The last problems reported for each config file. */
  private readonly configProblems = new Map<string, string>();
  /** How long the last lint of each document took (ms). */
  private readonly durations = new Map<string, number>();
  /** How long building the model took in the last lint of each document (ms): the floor of its pause. */
  private readonly modelMs = new Map<string, number>();
  /** The last "Fix all" result per document, for the lint state it was computed from. */
  private readonly fixAllCache = new Map<string, { state: LintState; result: FixRunResult }>();
  /** How to drop the model of each document whose lint state keeps one, least recently used first. */
  private readonly keptModels = new Map<string, () => void>();
  /** Parsed compose files per folder, shared by the open files of one project. */
  private readonly composeCaches = new Map<string, Map<string, ComposeFileModel>>();
  /** dockerfile-utils' diagnostics of each open Dockerfile's last text: a re-lint for a neighbour's change reuses them. */
  private readonly validated = new Map<string, { text: string; diagnostics: Diagnostic[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly dockerfile: DockerfileService,
    private readonly log: (message: string) => void,
    private readonly docStates: DocumentStates,
    private readonly baseFs: WorkspaceFs,
    /** Whether a document's rules see its neighbours through `baseFs`: `file:` on disk (Node); more in the browser. */
    private readonly readsNeighbours: (uri: string) => boolean = (uri) => schemePolicy(uri).neighbours === "disk",
    /** Called when nothing was linted for IDLE_AFTER_MS. */
    private readonly onIdle?: () => void,
  ) {
    docStates.onForget("lint", (uri) => this.close(uri));
    this.queue = new LintQueue(
      (uri) => this.run(uri),
      (uri, error) => this.log(`lint of ${uri} failed: ${String(error)}`),
      () => this.idleSoon(),
    );
  }

  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Runs `onIdle` once nothing was linted for IDLE_AFTER_MS (a lint that starts meanwhile puts it off). */
  private idleSoon(): void {
    if (!this.onIdle) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.queue.size > 0 || this.timers.size > 0) return;
      try {
        this.onIdle?.();
      } catch (error) {
        this.log(`idle task failed: ${String(error)}`);
      }
    }, IDLE_AFTER_MS);
    // an idle timer never keeps the process alive
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  /** `baseFs` when it is filled asynchronously (the browser's CachedFs): a lint waits for its reads, then runs again. */
  private get filled(): AsyncFilledFs | undefined {
    const fs = this.baseFs as Partial<AsyncFilledFs>;
    return typeof fs.settle === "function" ? (fs as AsyncFilledFs) : undefined;
  }

  kindOf(doc: TextDocument): FileKind | undefined {
    return detectKind(uriToPath(doc.uri), doc.languageId);
  }

  /** The kind of a file that may not be open (then by its name alone). */
  kindOfUri(uri: string, languageId: string | undefined): FileKind | undefined {
    const doc = this.documents.get(uri);
    return doc ? this.kindOf(doc) : detectKind(uriToPath(uri), languageId);
  }

  /** The last lint of the open document's current text; undefined when there is none (not yet, or stale). */
  state(uri: string): LintState | undefined {
    const s = this.states.get(uri);
    const doc = this.documents.get(uri);
    return s && doc && s.revision === this.docStates.revision(doc) ? s : undefined;
  }

  /**
   * Lints after a pause in typing; `0` lints on the next tick (document open). `first`: the document's own text
   * changed (it was opened or typed in), so its lint goes before those of documents that only read a changed file.
   */
  schedule(uri: string, delay = lintPause(this.modelMs.get(uri)), first = true): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    const urgent = first || pending?.first === true;
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.queue.enqueue(uri, urgent);
    }, delay);
    this.timers.set(uri, { timer, first: urgent });
  }

  /** Every open document again (settings or a config file changed). */
  scheduleAll(delay = 0): void {
    for (const doc of this.documents.all()) if (this.kindOf(doc)) this.schedule(doc.uri, delay, false);
  }

  /**
   * Open documents whose last lint looked at `path` (or listed its folder): a project neighbour changed. An edit
   * of an open file (`contentOnly`) changes no folder listing, so it re-lints only the documents that read it.
   */
  scheduleDependents(path: string, exceptUri?: string, contentOnly = false): void {
    const dir = dirname(path);
    for (const s of this.states.values()) {
      if (s.uri === exceptUri) continue;
      // after the edited document's own lint, so that one comes first while typing
      if (s.touched.has(path) || (!contentOnly && s.touched.has(dir))) this.schedule(s.uri, DEPENDENT_DEBOUNCE_MS, false);
    }
  }

  /**
   * Waits for the neighbour files asked for so far when they come through the client (the browser); false at once
   * when nothing is pending (always so over the disk). A caller that read through the cache then runs again.
   */
  async settleFiles(): Promise<boolean> {
    if (!this.filled?.pending) return false;
    await this.filled.settle();
    return true;
  }

  /** A file changed on disk or in an editor: parsed copies of it are stale. */
  invalidate(path: string): void {
    this.filled?.forget(path);
    this.composeCaches.get(dirname(path))?.delete(path);
  }

  /** The document closed (called through DocumentStates.forget): its lint state, timers and diagnostics go. */
  private close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(uri);
    this.queue.remove(uri);
    this.validated.delete(uri);
    const s = this.states.get(uri);
    this.keptModels.get(uri)?.();
    this.keptModels.delete(uri);
    this.states.delete(uri);
    this.durations.delete(uri);
    this.modelMs.delete(uri);
    const path = s?.path ?? uriToPath(uri);
    this.invalidate(path);
    // the parsed files of a folder live while one of its compose files is open
    const dir = dirname(path);
    if (![...this.states.values()].some((o) => dirname(o.path) === dir)) this.composeCaches.delete(dir);
    this.fixAllCache.delete(uri);
    // a config file's diagnostics go with its editor: published again when it is opened again
    this.configProblems.delete(`diagnostics:${path}`);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  /**
   * Lints one document and publishes, unless the document changed meanwhile (then a newer run publishes). The lint
   * runs in slices and stops at the first pause after the document's text changed or it closed.
   */
  private async run(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !schemePolicy(uri).lint) return;
    const kind = this.kindOf(doc);
    if (!kind) {
      // a config file open in the editor: its problems show as soon as it is opened, and as it is edited
      const path = uriToPath(uri);
      if (CONFIG_FILE_NAMES.includes(path.slice(path.lastIndexOf("/") + 1))) this.publishConfigDiagnostics(path, this.workspaceFor(uri).fs);
      return;
    }
    const revision = this.docStates.revision(doc);
    const version = doc.version;
    const settings = await this.settings.get(uri);
    // closed, changed or closed and reopened meanwhile, or asked for again (a file it reads changed since): a newer
    // run publishes, and a dependent's lint no longer holds up the lint of the document being typed in
    const current = this.documents.get(uri);
    const superseded = () => {
      const now = this.documents.get(uri);
      return !now || this.docStates.revision(now) !== revision || this.timers.has(uri) || this.queue.has(uri);
    };
    if (!current || superseded()) return;
    try {
      const started = Date.now();
      let state = await this.lintDocument(current, kind, settings, revision, superseded);
      if (!state) return;
      const ms = Date.now() - started;
      // timing in the output channel: each document's first lint, and any lint slow enough to notice
      if (!this.durations.has(uri) || ms >= SLOW_LINT_MS)
        this.log(`linted ${state.path} (${kind}) in ${ms} ms: ${state.findings.length} finding${state.findings.length === 1 ? "" : "s"}`);
      this.durations.set(uri, ms);
      // neighbours fetched through the client: lint again once they are in, before publishing, so a rule never
      // reports a file as missing only because it had not arrived yet (bounded: each round can ask for new files)
      for (let round = 0; round < MAX_FILL_ROUNDS && this.filled?.pending; round++) {
        await this.filled.settle();
        const again = this.documents.get(uri);
        if (!again || superseded()) return;
        state = await this.lintDocument(again, kind, settings, revision, superseded);
        if (!state) return;
      }
      if (superseded()) return;
      this.states.set(uri, state);
      // dockerfile-utils' syntax check is one more slice: a newer text stops it too
      await nextTurn();
      if (superseded()) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics: this.diagnosticsOf(state) });
    } catch (error) {
      this.log(`lint of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** The compose project of an open compose file (for hovers and completion), sharing the lint's parsed files. */
  composeProject(uri: string, model: ComposeFileModel): ComposeProject {
    const { fs } = this.workspaceFor(uri);
    return loadComposeProject(model, fs, this.composeCaches.get(dirname(model.path)));
  }

  /** The files around a document as the server sees them (open editors over the disk; nothing for other schemes). */
  workspaceFs(uri: string): WorkspaceFs {
    return this.workspaceFor(uri).fs;
  }

  /**
   * "Fix all": the engine's one applier on the document's last linted text, with the safe fixes that only edit
   * this document, to a fixed point. Undefined when the document moved on since its lint.
   */
  fixAll(uri: string): FixRunResult | undefined {
    const state = this.states.get(uri);
    if (!state || this.documents.get(uri)?.version !== state.version) return undefined;
    const accept = (fix: Fix, finding: Finding) => isSafeFix(fix, finding) && !fix.changes?.length;
    if (!state.findings.some((f) => f.fixes.some((x) => accept(x, f)))) return undefined;
    // code action requests come on every cursor move: one fixed point per version
    const cached = this.fixAllCache.get(uri);
    if (cached && cached.state === state) return cached.result;
    const { fs } = this.workspaceFor(uri);
    // a copy: the intermediate texts must not replace the parsed copy of the open document
    const shared = state.kind === "compose" ? this.composeCaches.get(dirname(state.path)) : undefined;
    const result = fixToFixedPoint(
      {
        path: state.path,
        text: state.text,
        kind: state.kind,
        fs,
        config: state.config,
        composeCache: shared && new Map(shared),
        budgetMs: LINT_BUDGET_MS,
      },
      { accept, budgetMs: 2 * LINT_BUDGET_MS },
    );
    for (const f of result.failures)
      this.log(`fix "${f.title}" (${f.ruleId}) did not remove its problem at ${state.path}:${f.line}; not applied`);
    this.fixAllCache.set(uri, { state, result });
    return result;
  }

  /**
   * Open editors over the disk, as this document's rules see it. Only `file:` documents see the disk and the
   * other open files: an untitled or virtual document has no folder here, and a diff base (`git:`) must not be
   * judged against the working tree's neighbours.
   */
  private workspaceFor(uri: string): { fs: WorkspaceFs; touched: Set<string> } {
    if (!this.readsNeighbours(uri)) return recordingFs(emptyFs, new Map());
    const open = new Map<string, string>();
    for (const d of this.documents.all()) if (this.readsNeighbours(d.uri)) open.set(uriToPath(d.uri), d.getText());
    return recordingFs(this.baseFs, open);
  }

  /**
   * The configuration of one file: the nearest config file from its folder up to its workspace folder, then the
   * client's settings rule by rule. The one resolver behind diagnostics, review, refine and the config command.
   */
  async configFor(uri: string, fs: WorkspaceFs): Promise<{ config: ShipshapeConfig; file: string | undefined; problems: string[] }> {
    return this.resolveConfig(uri, fs, await this.settings.get(uri));
  }

  /** Open editors over the disk, as the rules of this URI see it. */
  workspace(uri: string): WorkspaceFs {
    return this.workspaceFor(uri).fs;
  }

  private resolveConfig(
    uri: string,
    fs: WorkspaceFs,
    settings: ClientSettings,
  ): { config: ShipshapeConfig; file: string | undefined; problems: string[] } {
    const configFile = this.readsNeighbours(uri) ? findConfigFile(uriToPath(uri), fs, this.settings.roots) : undefined;
    if (configFile && !configFile.migratedFrom) this.publishConfigDiagnostics(configFile.path, fs);
    const migrated = configFile?.migratedFrom?.join(" and ");
    if (migrated && !this.configProblems.has(`migrated:${migrated}`)) {
      this.configProblems.set(`migrated:${migrated}`, "");
      this.log(`no .shipshape.json: using the settings of ${migrated}, translated to Shipshape rules`);
    }
    const config = mergeConfig(configFile?.config, settings);
    const problems = [...(configFile?.problems ?? []), ...optionProblems(config, allRules)];
    const where = configFile?.path ?? "shipshape.rules setting";
    const said = problems.join("; ");
    if (said && this.configProblems.get(where) !== said) {
      // said once per change, not on every keystroke in the documents it configures; the rule runs with its defaults
      this.log(`${where}: ${said}`);
      this.connection.window.showWarningMessage(`Shipshape configuration (${where}): ${said}. The defaults apply instead.`);
    }
    this.configProblems.set(where, said);
    return { config, file: configFile?.path, problems };
  }

  /**
   * What is wrong in a .shipshape.json as diagnostics in that file, on the key or value at fault (unknown rule
   * ids, invalid severities, unknown options, JSON errors), and in the log: once per change of the file.
   */
  private publishConfigDiagnostics(path: string, fs: WorkspaceFs): void {
    const text = fs.readFile(path);
    if (text === undefined) return;
    const checked = checkConfigText(text.replace(/^\uFEFF/, ""));
    const key = `diagnostics:${path}`;
    const said = JSON.stringify(checked);
    const before = this.configProblems.get(key);
    this.configProblems.set(key, said);
    if (before === said || (before === undefined && checked.length === 0)) return;
    if (checked.length) this.log(`${path}: ${checked.map((p) => p.message).join("; ")}`);
    const diagnostics: Diagnostic[] = checked.map((p) => ({
      range: p.range,
      message: p.message,
      severity: p.severity === "error" ? 1 : 2,
      source: "shipshape",
    }));
    void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics }).catch(() => undefined);
  }

  /** The lint state of the document's text; undefined when `superseded` said so at a pause. */
  private async lintDocument(
    doc: TextDocument,
    kind: FileKind,
    settings: ClientSettings,
    revision: number,
    superseded: () => boolean,
  ): Promise<LintState | undefined> {
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    const { fs, touched } = this.workspaceFor(doc.uri);
    const config = this.resolveConfig(doc.uri, fs, settings).config;

    let composeCache: Map<string, ComposeFileModel> | undefined;
    if (kind === "compose") {
      // entries are keyed by content: loadComposeProject and lint() use one only while its text is the file's
      const dir = dirname(path);
      composeCache = this.composeCaches.get(dir);
      if (!composeCache) this.composeCaches.set(dir, (composeCache = new Map()));
    } else if (kind === "dockerfile") composeCache = this.composeFilesNear(path);
    const clock = new ActiveClock();
    const steps = lintInSteps({ path, text, kind, fs, config, composeCache, budgetMs: LINT_BUDGET_MS, now: clock.now });
    const result = await runInSlices(steps, { superseded, clock, firstStep: (ms) => this.modelMs.set(doc.uri, ms) });
    if (kind === "dockerfile" && composeCache) this.keepComposeFiles(composeCache);
    if (!result) return undefined;
    const onDisk = this.diskEncoding(doc.uri, path, touched);
    if (onDisk && !result.findings.some((f) => f.ruleId === ENCODING_RULE_ID)) result.findings.unshift(encodingFinding(path, kind, onDisk));
    for (const r of result.ruleErrors) this.log(`rule ${r.ruleId} failed on ${path}: ${String(r.error)}`);
    const baselined = this.readsNeighbours(doc.uri)
      ? applyWorkspaceBaseline(path, text, result.findings, fs, this.settings.roots)
      : undefined;
    if (baselined?.baselinePath && baselined.problems.length) {
      const problems = baselined.problems.join("; ");
      if (this.configProblems.get(baselined.baselinePath) !== problems) this.log(`${baselined.baselinePath}: ${problems}`);
      this.configProblems.set(baselined.baselinePath, problems);
    }
    const model = result.model instanceof DockerfileModel || kind === "compose" ? (result.model as LintState["model"]) : undefined;
    const findings = baselined?.findings ?? result.findings;
    const state = { uri: doc.uri, version: doc.version, revision, path, kind, text, findings, settings, config, touched } as LintState;
    return this.withKeptModel(state, model);
  }

  /**
   * The parsed compose files a Dockerfile's lint may read (its compose-watch check reads the compose files of its
   * folder and the one above): those the open compose files' lints parsed, so typing in a 300-service compose file
   * does not parse it again for the Dockerfile beside it. A copy: the lint adds to it, keepComposeFiles keeps some.
   */
  private composeFilesNear(dockerfilePath: string): Map<string, ComposeFileModel> {
    const near = new Map<string, ComposeFileModel>();
    const here = dirname(dockerfilePath);
    for (const dir of new Set([here, dirname(here)])) for (const [p, model] of this.composeCaches.get(dir) ?? []) near.set(p, model);
    return near;
  }

  /**
   * What a Dockerfile's lint parsed goes into the folder caches that exist (a compose file of that folder is open),
   * so that compose file's next lint of the same text reuses it; no cache is made for a folder without one.
   */
  private keepComposeFiles(parsed: Map<string, ComposeFileModel>): void {
    for (const [p, model] of parsed) {
      const cache = this.composeCaches.get(dirname(p));
      if (!cache || cache.get(p) === model) continue;
      // never an older text over a newer one (a lint that ran before the last edit of that file)
      const open = this.documents.get(pathToUri(p))?.getText();
      if (open === undefined ? !cache.has(p) : open === model.text) cache.set(p, model);
    }
  }

  /**
   * `state.model` is the lint's model while the document is among the MAX_KEPT_MODELS most recently linted or asked
   * about; an older one drops it (a parsed model is ~40 bytes per character of text, and 200 open files held 40 MB
   * of them) and builds it again, once per revision, on the next request that reads it.
   */
  private withKeptModel(state: LintState, model: LintState["model"]): LintState {
    if (!model) {
      Object.defineProperty(state, "model", { value: undefined, enumerable: true });
      return state;
    }
    let kept: LintState["model"] = model;
    const drop = () => {
      if (kept instanceof ComposeFileModel) {
        const cache = this.composeCaches.get(dirname(state.path));
        if (cache?.get(state.path) === kept) cache.delete(state.path);
      }
      kept = undefined;
    };
    Object.defineProperty(state, "model", {
      enumerable: true,
      get: () => {
        const model = (kept ??=
          state.kind === "dockerfile" ? new DockerfileModel(state.path, state.text) : new ComposeFileModel(state.path, state.text));
        // a replaced state (an older revision) builds its model for its caller without keeping it
        if (this.states.get(state.uri) === state) this.keepModel(state.uri, drop);
        else kept = undefined;
        return model;
      },
    });
    this.keepModel(state.uri, drop);
    return state;
  }

  private keepModel(uri: string, drop: () => void): void {
    const previous = this.keptModels.get(uri);
    if (previous && previous !== drop) previous();
    this.keptModels.delete(uri);
    this.keptModels.set(uri, drop);
    for (const [oldest, dropOldest] of this.keptModels) {
      if (this.keptModels.size <= MAX_KEPT_MODELS) break;
      dropOldest();
      this.keptModels.delete(oldest);
    }
  }

  /**
   * The editor decodes a UTF-16 file for display, so its text looks fine; Docker reads the bytes. For `file:`
   * documents the bytes on disk decide (a change on disk, such as a re-save as UTF-8, re-lints: the path is touched).
   */
  private diskEncoding(uri: string, path: string, touched: Set<string>): Utf16Signature | undefined {
    if (schemePolicy(uri).neighbours !== "disk") return undefined;
    touched.add(path);
    const disk = this.baseFs.readFile(path);
    return disk === undefined ? undefined : utf16Signature(disk);
  }

  private diagnosticsOf(state: LintState): Diagnostic[] {
    const out: Diagnostic[] = state.findings.map((f) => toDiagnostic(f, state.version));
    const doc = this.documents.get(state.uri);
    const skipped = state.findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID);
    if (
      state.kind === "dockerfile" &&
      !skipped &&
      doc &&
      withinBaseLimits(shapeOf(doc)) &&
      baseFeaturesEnabled("dockerfile", state.settings, this.settings.otherProviders)
    ) {
      try {
        let known = this.validated.get(state.uri);
        if (known?.text !== state.text)
          this.validated.set(state.uri, (known = { text: state.text, diagnostics: this.dockerfile.validate(state.text) }));
        for (const d of known.diagnostics) out.push(d);
      } catch (error) {
        this.log(`dockerfile-utils failed on ${state.uri}: ${String(error)}`);
      }
    }
    return out;
  }
}
