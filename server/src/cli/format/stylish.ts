import { countFindings, type DisplayFinding, type DisplayUnreadable } from "./display";

const STYLE = {
  reset: "\u001b[0m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  underline: "\u001b[4m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  blue: "\u001b[34m",
  green: "\u001b[32m",
};
type Style = keyof typeof STYLE;

const SEVERITY_STYLE: Record<DisplayFinding["severity"], Style> = { error: "red", warning: "yellow", info: "blue", hint: "dim" };

/** Human output: findings grouped per file, aligned columns, and a summary line. Colour only when `color`. */
export function formatStylish(
  findings: readonly DisplayFinding[],
  options: { color: boolean; fileCount: number; unreadable?: readonly DisplayUnreadable[] },
): string {
  const paint = (style: Style, s: string) => (options.color ? `${STYLE[style]}${s}${STYLE.reset}` : s);
  const byFile = new Map<string, DisplayFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push("", paint("underline", file));
    const posWidth = list.reduce((m, f) => Math.max(m, `${f.line}:${f.column}`.length), 0);
    const sevWidth = list.reduce((m, f) => Math.max(m, f.severity.length), 0);
    const msgWidth = Math.min(
      100,
      list.reduce((m, f) => Math.max(m, f.message.length), 0),
    );
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padStart(posWidth);
      const sev = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(sevWidth));
      const msg = f.message.padEnd(msgWidth);
      lines.push(`  ${paint("dim", pos)}  ${sev}  ${msg}  ${paint("dim", f.ruleId)}`);
    }
  }
  const unreadable = options.unreadable ?? [];
  if (unreadable.length) {
    lines.push("", paint("bold", "Could not read:"));
    for (const u of unreadable) lines.push(`  ${paint("red", "error")}  ${u.file}: ${u.reason}`);
  }
  const c = countFindings(findings);
  lines.push("");
  if (findings.length === 0) {
    const clean = `No problems in ${options.fileCount} ${options.fileCount === 1 ? "file" : "files"}`;
    // no green tick while some path went unread
    lines.push(unreadable.length ? `${clean} checked.` : paint("green", `✔ ${clean}.`));
  } else {
    const parts = [plural(c.error, "error"), plural(c.warning, "warning"), `${c.info} info`, plural(c.hint, "hint")];
    const mark = c.error > 0 ? paint("red", "✖") : paint("yellow", "⚠");
    lines.push(
      paint("bold", `${mark} ${plural(findings.length, "problem")} (${parts.join(", ")}) in ${plural(options.fileCount, "file")} checked`),
    );
    if (c.fixable > 0) lines.push(paint("dim", `  ${plural(c.fixable, "problem")} can be fixed with \`--fix\`.`));
  }
  if (unreadable.length) lines.push(paint("red", `✖ ${plural(unreadable.length, "path")} could not be read (listed above); exit code 2.`));
  return lines.join("\n") + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
