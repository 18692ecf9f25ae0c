/** A unified diff between two texts (line based, LCS), for previews of what a generator would change. */

const MAX_CELLS = 4_000_000;

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return "";
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  const out: string[] = [`--- ${oldName}`, `+++ ${newName}`];
  // group the operations into hunks with `context` unchanged lines around each change
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]?.kind === "same") i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]?.kind !== "same") end++;
      let next = end;
      while (next < ops.length && ops[next]?.kind === "same") next++;
      if (next < ops.length && next - end <= context * 2) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const first = hunk[0];
    const oldStart = first ? first.oldLine : 0;
    const newStart = first ? first.newLine : 0;
    const oldCount = hunk.filter((o) => o.kind !== "add").length;
    const newCount = hunk.filter((o) => o.kind !== "del").length;
    out.push(`@@ -${oldCount ? oldStart + 1 : oldStart},${oldCount} +${newCount ? newStart + 1 : newStart},${newCount} @@`);
    for (const o of hunk) out.push(`${o.kind === "add" ? "+" : o.kind === "del" ? "-" : " "}${o.text}`);
    i = end;
    start = end;
  }
  return out.join("\n") + "\n";
}

interface Op {
  kind: "same" | "add" | "del";
  text: string;
  oldLine: number;
  newLine: number;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  // trim the common head and tail, then LCS on the middle (bounded; beyond the bound, replace wholesale)
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: "same", text: a[k] as string, oldLine: k, newLine: k });
  const n = am.length;
  const m = bm.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    am.forEach((t, k) => ops.push({ kind: "del", text: t, oldLine: head + k, newLine: head }));
    bm.forEach((t, k) => ops.push({ kind: "add", text: t, oldLine: head + n, newLine: head + k }));
  } else {
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let x = n - 1; x >= 0; x--) {
      for (let y = m - 1; y >= 0; y--) {
        const row = lcs[x] as Uint32Array;
        row[y] =
          am[x] === bm[y]
            ? ((lcs[x + 1] as Uint32Array)[y + 1] as number) + 1
            : Math.max((lcs[x + 1] as Uint32Array)[y] as number, row[y + 1] as number);
      }
    }
    let x = 0;
    let y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && am[x] === bm[y]) {
        ops.push({ kind: "same", text: am[x] as string, oldLine: head + x, newLine: head + y });
        x++;
        y++;
      } else if (x < n && (y >= m || ((lcs[x + 1] as Uint32Array)[y] as number) >= ((lcs[x] as Uint32Array)[y + 1] as number))) {
        ops.push({ kind: "del", text: am[x] as string, oldLine: head + x, newLine: head + y });
        x++;
      } else {
        ops.push({ kind: "add", text: bm[y] as string, oldLine: head + x, newLine: head + y });
        y++;
      }
    }
  }
  for (let k = 0; k < tail; k++) {
    ops.push({ kind: "same", text: a[a.length - tail + k] as string, oldLine: a.length - tail + k, newLine: b.length - tail + k });
  }
  return ops;
}
