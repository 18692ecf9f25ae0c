import type { Range, TextEdit } from "./text";

export type Severity = "error" | "warning" | "info" | "hint";
export type SeverityOrOff = Severity | "off";
export const SEVERITIES: readonly SeverityOrOff[] = ["error", "warning", "info", "hint", "off"];

export type Category = "security" | "image-size" | "build-speed" | "reliability" | "maintainability";
export const CATEGORIES: readonly Category[] = ["security", "image-size", "build-speed", "reliability", "maintainability"];

/** The kinds of file the engine lints. */
export type FileKind = "dockerfile" | "compose" | "dockerignore";

/** A change to a file other than the one being linted (create it, or edit it). */
export interface FileChange {
  /** Absolute path (POSIX separators). */
  path: string;
  /** Contents of a file that does not exist yet. */
  create?: string;
  /** Edits against the file's current text. */
  edits?: TextEdit[];
}

export interface Fix {
  title: string;
  /** Safe fixes cannot change what the file means: they join "Fix all" and `--fix`. */
  safe: boolean;
  /** Edits to the linted file. */
  edits: TextEdit[];
  /** Changes to other files (a new .env.example, a compose.override.yml …). */
  changes?: FileChange[];
}

export interface RuleExample {
  /** What the example shows, one short line. */
  title?: string;
  bad: string;
  good: string;
  /** Extra files the example needs (path relative to the linted file's folder -> contents). */
  files?: Record<string, string>;
  /** The linted file's name, when the kind alone is not enough (e.g. "compose.yml"). */
  fileName?: string;
  /** Rule options the example needs (a rule that does nothing with its defaults, e.g. an allow-list). */
  options?: Record<string, unknown>;
}

export interface RuleMeta<MessageIds extends string = string> {
  /** `dockerfile/<name>` or `compose/<name>` or `dockerignore/<name>`. */
  id: string;
  kind: FileKind;
  category: Category;
  defaultSeverity: SeverityOrOff;
  /** Whether the rule may report fixes at all (the linter throws otherwise). */
  fixable: boolean;
  /** One sentence: what the rule wants. */
  summary: string;
  /** Why it matters, in a few sentences (Markdown). */
  rationale: string;
  examples: RuleExample[];
  /** Peer rule ids it covers: `hadolint:DL3007`, `buildkit:JSONArgsRecommended`, `dclint:no-version-field`, `checkov:CKV_DOCKER_2`, `trivy:DS-0026`. */
  equivalents: string[];
  /** Message templates; `{{name}}` is replaced from the report's data. */
  messages: Record<MessageIds, string>;
  /**
   * Messages that are never reported above a severity, whatever the rule's setting (a style variant of a rule
   * whose main message is a hazard, e.g. `compose/quote-ports`).
   */
  severityCaps?: Partial<Record<MessageIds, Severity>>;
  /**
   * Required for rules whose default severity is `error`: the failure the finding predicts (the build fails, the
   * container never becomes healthy …), written as a sentence. The severity policy in docs/severity.md explains why.
   */
  failure?: string;
  /**
   * What each fix the rule offers is: `safe` (cannot change what the image or stack does on any base the image model
   * allows; `--fix` and "Fix all" apply it) or `suggestion` (a quick fix the user reviews). A rule may offer both
   * kinds; a reported fix marked safe must have `safe` declared here.
   */
  fixKinds?: ("safe" | "suggestion")[];
  /** Documented options with their types and defaults; a configured value of another type is a configuration error. */
  options?: Record<string, RuleOption>;
  /**
   * File names (globs on the base name) outside the linted file's kind that the rule reads from the workspace,
   * e.g. `workspace.yaml` or `.env*`. The editor watches them (the watcher glob is built from this), so a
   * change on disk re-lints the files that read them. Dockerfiles, compose files and .dockerignore files are
   * always watched.
   */
  reads?: string[];
  /** The practice document(s) the rule traces back to (file names in shared/practices or a short label). */
  practice?: string;
}

export type RuleOptionType = "boolean" | "number" | "string" | "string[]" | "record";

export interface RuleOption {
  description: string;
  type: RuleOptionType;
  default: unknown;
}

export interface ReportDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  range: Range;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  /**
   * `file` when the finding is about the whole file (an entry it lacks) rather than the text at `range`: a comment
   * above `range` cannot silence it, `# shipshape-ignore-file <id>` does.
   */
  scope?: "file";
}

/** Read-only view of the files around the linted one (disk, open editors, or a test's map). */
export interface WorkspaceFs {
  /** Text of a file, or undefined when it does not exist or is not readable. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Names of the entries in a folder (not recursive); [] when missing. */
  readDir(path: string): string[];
}

/** A finding after the linter has applied configuration. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  category: Category;
  range: Range;
  fixes: Fix[];
  /** Path of the file it belongs to. */
  file: string;
  /** See ReportDescriptor.scope. */
  scope?: "file";
}
