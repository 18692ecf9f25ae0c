/** Shared shape of the `dockerignore/*` rules: entries that must be excluded, and a fix that appends them. */
import type { IgnoreEntry } from "../knowledge/dockerignore";
import type { DockerignoreContext } from "../rule";
import type { Fix } from "../types";

/** Reports once when any entry is missing; the fix appends the missing patterns at the end of the file. */
export function checkEntries(ctx: DockerignoreContext<"missing">, entries: IgnoreEntry[], label: string): void {
  const { dockerignore, lines, report } = ctx;
  const missing = entries.filter((e) => e.probe !== "" && !dockerignore.excludes(e.probe));
  if (missing.length === 0) return;
  const toAdd = entries.filter(
    (e) => missing.includes(e) || (e.probe === "" && !dockerignore.patterns.some((p) => (p.negated ? "!" : "") + p.pattern === e.pattern)),
  );
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
    data: { what: label, patterns: missing.map((e) => `\`${e.pattern}\``).join(", ") },
    fixes: [fix],
  });
}
