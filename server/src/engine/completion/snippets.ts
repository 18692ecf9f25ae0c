/**
 * Shipshape's snippets (snippets/*.json), offered by the server rather than contributed to the editor as static
 * snippets, so that each appears only where its text can start:
 *   - Dockerfile snippets at the start of an instruction (not in an instruction's arguments or its continuation);
 *   - compose snippets by what their first key is: whole-file snippets (`services:`, `x-…:`) at the top level,
 *     a service definition directly under `services:`, a service key (`healthcheck:`, `deploy:`, `profiles:`)
 *     directly under a service; never in a value position, a list item or inside `depends_on`;
 *   - .dockerignore snippets at the start of a line.
 * The typed prefix, dashes included (`healthcheck-`), is what the editor filters on, so the list stays open
 * through the dash.
 */
import composeSnippets from "../../../../snippets/compose.json";
import dockerfileSnippets from "../../../../snippets/dockerfile.json";
import dockerignoreSnippets from "../../../../snippets/dockerignore.json";
import type { FileKind } from "../types";
import { splitLines, type Position, type Range } from "../text";
import { textContext } from "./compose";

interface SnippetJson {
  prefix: string;
  description: string;
  body: string[];
}

export interface SnippetSuggestion {
  /** The prefix the user types (`healthcheck-postgres`). */
  label: string;
  /** The snippet's name (`healthcheck: PostgreSQL`). */
  name: string;
  description: string;
  /** The body in the editor's snippet syntax (placeholders, choices). */
  body: string;
  /** What the snippet replaces: the typed prefix, from its first character to the cursor. */
  range: Range;
}

/** Where a compose snippet's first key puts it. */
type ComposeLevel = "file" | "services" | "service";

const TOP_LEVEL_KEYS = new Set(["services", "networks", "volumes", "secrets", "configs", "name", "include", "version"]);

export function composeLevel(body: string[]): ComposeLevel {
  const first = body.find((l) => l.trim() !== "" && !l.trimStart().startsWith("#")) ?? "";
  if (first.startsWith("x-")) return "file"; // an extension field (`x-${1:common}: &…`)
  const key = /^([A-Za-z0-9_.-]+)\s*:/.exec(first)?.[1];
  if (key === undefined) return "services"; // `${1:migrate}:`: a service named by the user
  if (TOP_LEVEL_KEYS.has(key) || key.startsWith("x-")) return "file";
  return "service";
}

const load = (json: Record<string, SnippetJson>) => Object.entries(json).map(([name, s]) => ({ name, ...s }));
const COMPOSE = load(composeSnippets as Record<string, SnippetJson>).map((s) => ({ ...s, level: composeLevel(s.body) }));
const DOCKERFILE = load(dockerfileSnippets as Record<string, SnippetJson>);
const DOCKERIGNORE = load(dockerignoreSnippets as Record<string, SnippetJson>);

/** The snippets that fit at `position` in a file of `kind`; [] where none can start. */
export function snippetCompletions(kind: FileKind, text: string, position: Position): SnippetSuggestion[] {
  const lines = splitLines(text);
  const line = lines[position.line];
  if (line === undefined) return [];
  const before = line.slice(0, position.character);
  const typed = /^\s*([A-Za-z][\w-]*)?$/.exec(before);
  if (!typed) return []; // not at the start of a line: a value, an argument, a comment
  const prefix = typed[1] ?? "";
  const range: Range = { start: { line: position.line, character: position.character - prefix.length }, end: position };
  const make = (s: SnippetJson & { name: string }): SnippetSuggestion => ({
    label: s.prefix,
    name: s.name,
    description: s.description,
    body: s.body.join("\n"),
    range,
  });
  if (kind === "dockerfile") {
    // inside a continued instruction (the line before ends in a backslash) a new instruction cannot start
    const previous = position.line > 0 ? (lines[position.line - 1] ?? "") : "";
    if (/\\\s*$/.test(previous)) return [];
    return DOCKERFILE.map(make);
  }
  if (kind === "dockerignore") return /^\s/.test(before) ? [] : DOCKERIGNORE.map(make);
  if (kind !== "compose") return [];
  const ctx = textContext(text, position);
  if (!ctx || ctx.slot !== "key") return [];
  const level: ComposeLevel | undefined =
    ctx.parents.length === 0
      ? "file"
      : ctx.parents[0] !== "services"
        ? undefined
        : ctx.parents.length === 1
          ? "services"
          : ctx.parents.length === 2
            ? "service"
            : undefined;
  if (level === undefined) return [];
  // whole-file snippets only at the left edge, where a top-level key goes
  if (level === "file" && /^\s/.test(before)) return [];
  return COMPOSE.filter((s) => s.level === level).map(make);
}
