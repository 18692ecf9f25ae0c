/**
 * Production: a HEALTHCHECK whose program the image has. The rule's fix writes the probe for the framework
 * (analysis/python's table, which the generators' probes use too) with the interpreter by its usual name; distroless
 * images have no `python` or `node` on PATH, only `python3` or `/usr/bin/python3` and `/nodejs/bin/node`. The start
 * check's image simulation decides which name the image answers to.
 */
import { lint, type LintOptions } from "../linter";
import { checkStart, composeBuildOf } from "../startCheck";
import { applyEdits } from "../text";
import { emptyFs } from "../workspace";
import type { GoalChangeOutcome } from "./types";

/** Other names of the interpreter a probe calls, in the order they are tried. */
const ALTERNATIVES: Record<string, readonly string[]> = {
  python: ["python3", "/usr/bin/python3", "/usr/local/bin/python3"],
  node: ["/nodejs/bin/node", "/usr/local/bin/node"],
};

export function healthcheckWithTool(options: LintOptions): GoalChangeOutcome {
  const finding = lint(options).findings.find((f) => f.ruleId === "dockerfile/healthcheck-missing");
  const fix = finding?.fixes.find((x) => x.edits.length > 0 && (x.changes ?? []).length === 0);
  if (!finding || !fix) return { kind: "none" };
  const fs = options.fs ?? emptyFs;
  const context = composeBuildOf(fs, options.path)?.context;
  const probeFails = (text: string) => {
    try {
      return checkStart({ dockerfilePath: options.path, text, fs, context }).findings.some(
        (f) => f.check === "healthcheck" && f.status === "fail",
      );
    } catch {
      return false;
    }
  };
  const text = applyEdits(options.text, fix.edits);
  if (!probeFails(text)) return { kind: "change", title: fix.title, text };
  const program = /CMD \["([^"]+)"/.exec(fix.edits.map((e) => e.newText).join("\n"))?.[1];
  for (const other of ALTERNATIVES[program ?? ""] ?? []) {
    const candidate = applyEdits(
      options.text,
      fix.edits.map((e) => ({ ...e, newText: e.newText.replace(`CMD ["${program}",`, `CMD ["${other}",`) })),
    );
    if (!probeFails(candidate)) return { kind: "change", title: `${fix.title} (with ${other})`, text: candidate };
  }
  return {
    kind: "advice",
    title: fix.title,
    message: `no probe program the image has was found (${program ?? "the probe"} is not in it): add a HEALTHCHECK with a tool the image has`,
    line: finding.range.start.line + 1,
  };
}
