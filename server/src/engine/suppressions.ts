import type { LineIndex } from "./text";
import type { AnyRule } from "./rule";

/**
 * Comments that turn findings off:
 * - `# shipshape-ignore [rule-id, …] [-- reason]`: the next instruction / YAML block (all rules when none named)
 * - `# shipshape-ignore-file [rule-id, …] [-- reason]`: the whole file
 * - `# hadolint ignore=DL3006,DL3008` (next instruction) and `# hadolint global ignore=…` (file)
 * - `# check=skip=JSONArgsRecommended,…` or `# check=skip=all` (BuildKit, file)
 * - `# dclint disable[-next-line|-line] [rule …]` (dclint, compose)
 * Peer ids reach our rules through each rule's `equivalents`.
 */
export interface Suppressions {
  isSuppressed(rule: AnyRule, line: number): boolean;
}

interface Entry {
  /** Our rule ids or peer ids (`hadolint:DL3006`); empty = every rule. */
  ids: string[];
  fromLine: number;
  toLine: number;
}

export function parseSuppressions(lines: LineIndex, unitEndLine: (line: number) => number, maxLines = 200_000): Suppressions {
  const entries: Entry[] = [];
  const count = Math.min(lines.lineCount, maxLines);
  for (let line = 0; line < count; line++) {
    const text = lines.lineText(line);
    const hash = text.indexOf("#");
    if (hash < 0) continue;
    const before = text.slice(0, hash).trim();
    const comment = text.slice(hash + 1).trim();
    const trailing = before !== "";
    if (trailing && !/^(shipshape-ignore|dclint)/.test(comment)) continue;

    let m: RegExpExecArray | null;
    if ((m = /^shipshape-ignore(-file)?\b\s*(.*)$/.exec(comment))) {
      const ids = splitIds((m[2] ?? "").split("--")[0] as string);
      if (m[1]) entries.push({ ids, fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else if (trailing) entries.push({ ids, fromLine: line, toLine: line });
      else pushNext(entries, ids, line);
    } else if ((m = /^hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/i.exec(comment))) {
      const ids = splitIds(m[2] as string).map((id) => `hadolint:${id.toUpperCase()}`);
      if (m[1]) entries.push({ ids, fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else pushNext(entries, ids, line);
    } else if ((m = /^check\s*=\s*(.*)$/i.exec(comment))) {
      for (const part of (m[1] as string).split(";")) {
        const kv = /^\s*skip\s*=\s*(.*)$/i.exec(part);
        if (!kv) continue;
        const names = splitIds(kv[1] as string);
        const ids = names.some((n) => n.toLowerCase() === "all") ? ["buildkit:*"] : names.map((n) => `buildkit:${n}`);
        entries.push({ ids, fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      }
    } else if ((m = /^dclint\s+(disable-next-line|disable-line|disable)\b\s*(.*)$/i.exec(comment))) {
      const ids = splitIds(m[2] as string).map((id) => `dclint:${id}`);
      const which = (m[1] as string).toLowerCase();
      if (which === "disable") entries.push({ ids: ids.length ? ids : ["dclint:*"], fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else if (which === "disable-line") entries.push({ ids: ids.length ? ids : ["dclint:*"], fromLine: line, toLine: line });
      else pushNext(entries, ids.length ? ids : ["dclint:*"], line);
    }

    function pushNext(list: Entry[], ids: string[], at: number) {
      let next = at + 1;
      while (next < count && /^\s*(#.*)?$/.test(lines.lineText(next))) next++;
      if (next < count) list.push({ ids, fromLine: next, toLine: Math.max(next, unitEndLine(next)) });
    }
  }

  return {
    isSuppressed(rule, line) {
      for (const e of entries) {
        if (line < e.fromLine || line > e.toLine) continue;
        if (e.ids.length === 0) return true;
        for (const id of e.ids) {
          if (id === rule.meta.id) return true;
          if (id.endsWith(":*")) {
            const tool = id.slice(0, -1);
            if (rule.meta.equivalents.some((q) => q.startsWith(tool))) return true;
          } else if (rule.meta.equivalents.some((q) => q.toLowerCase() === id.toLowerCase())) return true;
        }
      }
      return false;
    },
  };
}

function splitIds(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}
