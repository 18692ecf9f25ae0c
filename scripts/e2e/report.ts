// Outcomes of every e2e check and the closing `N passed, N failed` line CI reads.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RESULTS } from "./paths";

export interface Outcome {
  name: string;
  ok: boolean;
  detail?: string;
}

export function printSummary(outcomes: Outcome[], seconds: number): number {
  const failed = outcomes.filter((o) => !o.ok);
  console.log("");
  console.log(`e2e results (${seconds.toFixed(0)} s):`);
  for (const o of outcomes) console.log(`  ${o.ok ? "ok  " : "FAIL"}  ${o.name}`);
  for (const o of failed) {
    console.log("");
    console.log(`FAIL ${o.name}`);
    if (o.detail) console.log(o.detail.replace(/^/gm, "    "));
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, "summary.json"), JSON.stringify({ seconds, outcomes }, null, 2));
  console.log("");
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}
