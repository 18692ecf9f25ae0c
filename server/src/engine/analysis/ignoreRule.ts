/**
 * Shared shape of the `dockerignore/exclude-*` rules: entries that must be excluded, and a fix that appends them.
 * A `.dockerignore` that misses several of them has one problem (an incomplete ignore file), not one per rule at
 * the same place: the first running rule in GROUP order that finds something missing reports for all of them
 * (every missing pattern in its message, one fix appending them all); the others stay quiet.
 */
import { ENV_ENTRIES, GIT_ENTRIES, VENV_ENTRIES, type IgnoreEntry } from "../knowledge/dockerignore";
import { dirname, join, resolvePath } from "../paths";
import type { DockerignoreContext } from "../rule";
import type { Fix } from "../types";

interface Member {
  id: string;
  entries: IgnoreEntry[];
  label: string;
  applies(ctx: DockerignoreContext<"missing">): boolean;
}

const isPythonProject = (ctx: DockerignoreContext<"missing">) =>
  ctx.fs
    .readDir(dirname(ctx.path))
    .some((n) => n === ".venv" || n === "pyproject.toml" || n === "uv.lock" || n === "poetry.lock" || /^requirements.*\.txt$/.test(n));

function envFolderExcluded(ctx: DockerignoreContext<"missing">): boolean {
  const dir = dirname(ctx.path);
  return ctx.dockerignore.patterns.some((p) => {
    const name = p.pattern.replace(/^\/+|\/+$/g, "");
    return !p.negated && /^\.env[^/*?.]+$/.test(name) && ctx.fs.exists(join(dir, name)) && ctx.dockerignore.excludes(`${name}/.production`);
  });
}

export const GROUP: readonly Member[] = [
  // the folder of the .dockerignore is the build context: without a .git there (a subfolder of the repository, a
  // generated context) there is nothing to exclude
  {
    id: "dockerignore/exclude-git",
    entries: GIT_ENTRIES,
    label: "the git history",
    applies: (ctx) => ctx.fs.exists(resolvePath(dirname(ctx.path), ".git")),
  },
  // not when the project keeps its env files in a folder of their own (`.envs/`, cookiecutter-django's layout) and
  // excludes it
  { id: "dockerignore/exclude-env-files", entries: ENV_ENTRIES, label: "environment files", applies: (ctx) => !envFolderExcluded(ctx) },
  { id: "dockerignore/exclude-virtualenv", entries: VENV_ENTRIES, label: "the local virtualenv", applies: isPythonProject },
];

function missingOf(ctx: DockerignoreContext<"missing">, entries: IgnoreEntry[]): IgnoreEntry[] {
  return entries.filter((e) => e.probe !== "" && !ctx.dockerignore.excludes(e.probe));
}

const joinWords = (words: string[]) => (words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);

/** The check of group member `id`: reports once for the whole group when it leads (see the module comment). */
export function checkGroupEntries(ctx: DockerignoreContext<"missing">, id: string): void {
  const { dockerignore, lines, report } = ctx;
  const members = GROUP.filter((m) => (m.id === id || ctx.runs(m.id)) && m.applies(ctx))
    .map((m) => ({ ...m, missing: missingOf(ctx, m.entries) }))
    .filter((m) => m.missing.length > 0);
  if (members[0]?.id !== id) return; // nothing missing for this rule, or an earlier member reports for all
  const toAdd: IgnoreEntry[] = [];
  for (const m of members)
    for (const e of m.entries)
      if (m.missing.includes(e) || (e.probe === "" && !dockerignore.patterns.some((p) => (p.negated ? "!" : "") + p.pattern === e.pattern)))
        if (!toAdd.some((t) => t.pattern === e.pattern)) toAdd.push(e);
  const eol = lines.eol;
  const end = lines.positionAt(ctx.text.length);
  const prefix = ctx.text === "" || /\n$/.test(ctx.text) ? "" : eol;
  const fix: Fix = {
    title: `Add ${toAdd.map((e) => e.pattern).join(", ")}`,
    safe: false,
    edits: [{ range: { start: end, end }, newText: prefix + toAdd.map((e) => e.pattern).join(eol) + eol }],
  };
  const first = dockerignore.patterns[0];
  report({
    messageId: "missing",
    range: first ? { start: { line: 0, character: 0 }, end: lines.positionAt(lines.lineEnd(0)) } : { start: end, end },
    data: {
      what: joinWords(members.map((m) => m.label)),
      patterns: members.flatMap((m) => m.missing.map((e) => `\`${e.pattern}\``)).join(", "),
    },
    fixes: [fix],
    scope: "file",
  });
}
