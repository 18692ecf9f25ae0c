/** LABEL pairs of a Dockerfile with their ranges, and the value formats label schemas ask for. */
import type { DockerfileModel, DockerInstruction, Stage } from "../model/dockerfile";
import type { Range } from "../text";

export interface LabelPair {
  key: string;
  value: string;
  ins: DockerInstruction;
  keyRange: Range;
  valueRange: Range | null;
}

interface Prop {
  getName(): string;
  getValue(): string | null;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

const unquote = (s: string) => (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s);

export function labelsOf(ins: DockerInstruction): LabelPair[] {
  if (ins.keyword !== "LABEL") return [];
  return (ins.ast as unknown as { getProperties(): Prop[] }).getProperties().map((p) => ({
    key: unquote(p.getName()),
    value: unquote(p.getValue() ?? ""),
    ins,
    keyRange: p.getNameRange(),
    valueRange: p.getValueRange(),
  }));
}

/** Labels set in a stage or in the stages it builds on. */
export function stageLabels(dockerfile: DockerfileModel, stage: Stage): LabelPair[] {
  return dockerfile.lineage(stage).flatMap((s) => s.instructions.flatMap(labelsOf));
}

export type LabelFormat = "text" | "url" | "rfc3339" | "spdx" | "hash" | "semver" | "email";
export const LABEL_FORMATS: readonly LabelFormat[] = ["text", "url", "rfc3339", "spdx", "hash", "semver", "email"];

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const SPDX_ID = /^(LicenseRef-[A-Za-z0-9.-]+|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\+?)$/;

/** The shape of an SPDX license expression: ids joined by AND/OR/WITH, with parentheses (the id list itself is not checked). */
function isSpdxExpression(value: string): boolean {
  const tokens = value.replace(/[()]/g, " $& ").trim().split(/\s+/);
  let depth = 0;
  let expectOperand = true;
  for (const t of tokens) {
    if (t === "(") {
      if (!expectOperand) return false;
      depth++;
    } else if (t === ")") {
      if (expectOperand || --depth < 0) return false;
    } else if (t === "AND" || t === "OR" || t === "WITH") {
      if (expectOperand) return false;
      expectOperand = true;
    } else {
      if (!expectOperand || !SPDX_ID.test(t)) return false;
      expectOperand = false;
    }
  }
  return depth === 0 && !expectOperand;
}

function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/.test(u.protocol);
  } catch {
    return false;
  }
}

/** True when a value matches the format (values holding `$VAR` are not judged). */
export function matchesFormat(value: string, format: LabelFormat): boolean {
  if (value.includes("$")) return true;
  switch (format) {
    case "text":
      return true;
    case "url":
      return isUrl(value);
    case "rfc3339":
      return RFC3339.test(value);
    case "spdx":
      return isSpdxExpression(value);
    case "hash":
      return /^[0-9a-f]{7}$|^[0-9a-f]{40}$/.test(value);
    case "semver":
      return SEMVER.test(value);
    case "email":
      return EMAIL.test(value);
  }
}
