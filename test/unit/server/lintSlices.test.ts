import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { lint, lintInSteps, BUDGET_RULE_ID } from "../../../server/src/engine/linter";
import { memoryFs } from "../../../server/src/engine/workspace";
import { ActiveClock, LintQueue, runInSlices } from "../../../server/src/services/lintSlices";
import { LINT_DEBOUNCE_MS, MAX_LINT_DEBOUNCE_MS, lintPause } from "../../../server/src/services/linting";
import { seededRandom } from "../../../scripts/lib/seededRandom";

const EXAMPLES = resolve(__dirname, "../../../examples");
const FILES = [
  { path: "/w/app/Dockerfile", text: readFileSync(`${EXAMPLES}/fastapi-app/Dockerfile`, "utf8") },
  { path: "/w/app/compose.yml", text: readFileSync(`${EXAMPLES}/fastapi-app/compose.yml`, "utf8") },
  { path: "/w/stack/compose.yml", text: readFileSync(`${EXAMPLES}/dagster-stack/compose.yml`, "utf8") },
  { path: "/w/stack/Dockerfile.dagster", text: readFileSync(`${EXAMPLES}/dagster-stack/Dockerfile.dagster`, "utf8") },
];

/** A seeded edit of the kind typing makes: a character or a line inserted, deleted or duplicated. */
function mutate(text: string, random: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(random() * lines.length);
  const line = lines[at] ?? "";
  const col = Math.floor(random() * (line.length + 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      lines[at] = line.slice(0, col) + "x" + line.slice(col);
      break;
    case 1:
      lines[at] = line.slice(0, col) + line.slice(col + 1);
      break;
    case 2:
      lines.splice(at, 0, line);
      break;
    default:
      lines.splice(at, 1);
  }
  return lines.join("\n");
}

/** Every turn counted; `superseded` can be switched on after a given number of turns. */
function turns() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    turn: async () => {
      count++;
      await Promise.resolve();
    },
  };
}

describe("runInSlices: the server's lint, a slice at a time", () => {
  it("gives lint()'s findings for the examples and 60 seeded random edits of them, whatever the slice size", async () => {
    const random = seededRandom(20261204);
    for (let round = 0; round < 15; round++) {
      for (const file of FILES) {
        const text = round === 0 ? file.text : mutate(file.text, random);
        const fs = memoryFs(Object.fromEntries(FILES.map((f) => [f.path, f.path === file.path ? text : f.text])));
        const whole = lint({ path: file.path, text, fs });
        const t = turns();
        // a slice of 0 ms pauses after every step: the most interleaving there can be
        const sliced = await runInSlices(lintInSteps({ path: file.path, text, fs }), { superseded: () => false, sliceMs: 0, turn: t.turn });
        assert.ok(sliced, `${file.path} round ${round}: not superseded, so a result`);
        assert.deepEqual(sliced.findings, whole.findings, `${file.path} round ${round}`);
        assert.deepEqual(sliced.ruleErrors, whole.ruleErrors);
        assert.ok(t.count > 10, "it paused between rules");
      }
    }
  });

  it("stops at the first pause after it is superseded, and closes the lint", async () => {
    const file = FILES[0] as (typeof FILES)[number];
    let closed = false;
    let stepsRun = 0;
    const inner = lintInSteps({ path: file.path, text: file.text });
    const steps: Iterator<void, ReturnType<typeof lint>, void> = {
      next: () => {
        stepsRun++;
        return inner.next();
      },
      return: (value) => {
        closed = true;
        return inner.return(value as ReturnType<typeof lint>);
      },
    };
    const t = turns();
    const result = await runInSlices(steps, { superseded: () => t.count >= 3, sliceMs: 0, turn: t.turn });
    assert.equal(result, undefined);
    assert.equal(t.count, 3);
    assert.equal(stepsRun, 3, "no step after the pause that found it superseded");
    assert.ok(closed, "the lint was closed (its finally blocks ran)");
  });

  it("does not start when already superseded", async () => {
    let stepped = false;
    const steps: Iterator<void, number, void> = {
      next: () => {
        stepped = true;
        return { done: true, value: 1 };
      },
    };
    assert.equal(await runInSlices(steps, { superseded: () => true }), undefined);
    assert.equal(stepped, false);
  });

  it("pauses only once a slice's time is spent", async () => {
    let wall = 0;
    let left = 10;
    // each step takes 4 ms of (fake) wall time
    const steps: Iterator<void, string, void> = {
      next: () => {
        wall += 4;
        return --left > 0 ? { done: false, value: undefined } : { done: true, value: "done" };
      },
    };
    const t = turns();
    assert.equal(await runInSlices(steps, { superseded: () => false, sliceMs: 10, turn: t.turn, wall: () => wall }), "done");
    // 10 steps of 4 ms with a pause after each 12 ms: after steps 3, 6 and 9
    assert.equal(t.count, 3);
  });
});

describe("lintPause: the pause before a lint", () => {
  it("is the short pause, or as long as the last model build when that took longer, within a cap", () => {
    assert.equal(lintPause(undefined), LINT_DEBOUNCE_MS);
    assert.equal(lintPause(5), LINT_DEBOUNCE_MS);
    assert.equal(lintPause(70), 70);
    assert.equal(lintPause(5000), MAX_LINT_DEBOUNCE_MS);
  });

  it("runInSlices reports how long the first step (the model build) took", async () => {
    let wall = 0;
    const costs = [40, 3, 3];
    const steps: Iterator<void, string, void> = {
      next: () => {
        wall += costs.shift() ?? 0;
        return costs.length > 0 ? { done: false, value: undefined } : { done: true, value: "done" };
      },
    };
    const firsts: number[] = [];
    await runInSlices(steps, {
      superseded: () => false,
      wall: () => wall,
      turn: async () => undefined,
      firstStep: (ms) => firsts.push(ms),
    });
    assert.deepEqual(firsts, [40]);
  });
});

describe("ActiveClock: the lint's budget counts its own work, not its pauses", () => {
  it("stands still while paused", () => {
    let wall = 1000;
    const clock = new ActiveClock(() => wall);
    assert.equal(clock.now(), 0);
    clock.resume();
    wall += 30;
    assert.equal(clock.now(), 30);
    clock.pause();
    wall += 5000;
    assert.equal(clock.now(), 30);
    clock.resume();
    wall += 20;
    assert.equal(clock.now(), 50);
  });

  it("a lint paused longer than its budget between slices still runs every rule", async () => {
    const file = FILES[0] as (typeof FILES)[number];
    let wall = 0;
    const clock = new ActiveClock(() => wall);
    const steps = lintInSteps({ path: file.path, text: file.text, budgetMs: 1000, now: clock.now });
    // every pause lasts 2 s of wall time
    const turn = async () => {
      wall += 2000;
      await Promise.resolve();
    };
    const result = await runInSlices(steps, { superseded: () => false, clock, sliceMs: 0, turn, wall: () => wall });
    assert.ok(result);
    assert.ok(!result.findings.some((f) => f.ruleId === BUDGET_RULE_ID), "no rule was skipped for time spent paused");
    assert.deepEqual(result.findings, lint({ path: file.path, text: file.text }).findings);
  });
});

describe("LintQueue: one lint at a time, each document once", () => {
  it("runs in order, one at a time; a document asked for again while waiting keeps its one place", async () => {
    const log: string[] = [];
    let inFlight = 0;
    const release: (() => void)[] = [];
    const queue = new LintQueue(async (uri) => {
      inFlight++;
      assert.equal(inFlight, 1, "never two at once");
      log.push(`start ${uri}`);
      await new Promise<void>((r) => release.push(r));
      log.push(`end ${uri}`);
      inFlight--;
    });
    queue.enqueue("a");
    queue.enqueue("b");
    queue.enqueue("c");
    queue.enqueue("b");
    assert.equal(queue.size, 3);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    await queue.idle();
    assert.deepEqual(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("a document asked for first (typed in) goes before those waiting because a file they read changed", async () => {
    const log: string[] = [];
    const queue = new LintQueue(async (uri) => {
      log.push(uri);
      await Promise.resolve();
    });
    queue.enqueue("dependent");
    queue.enqueue("other dependent");
    queue.enqueue("typed", true);
    queue.enqueue("dependent", true); // typed in too: it keeps its place, now among the first
    queue.remove("other dependent");
    queue.enqueue("other dependent");
    await queue.idle();
    assert.deepEqual(log, ["typed", "dependent", "other dependent"]);
  });

  it("a document asked for while its lint runs is linted again after it; a removed one is not", async () => {
    const log: string[] = [];
    const queue = new LintQueue(async (uri) => {
      log.push(uri);
      if (log.length === 1) {
        queue.enqueue("a"); // an edit during its own lint
        queue.enqueue("gone");
        queue.remove("gone"); // closed before its turn
      }
      await Promise.resolve();
    });
    queue.enqueue("a");
    await queue.idle();
    assert.deepEqual(log, ["a", "a"]);
  });

  it("says it is idle once, after the last of a run of lints", async () => {
    let idle = 0;
    const ran: string[] = [];
    const queue = new LintQueue(
      async (uri) => {
        await Promise.resolve();
        ran.push(`${uri} (idle ${idle})`);
      },
      undefined,
      () => idle++,
    );
    queue.enqueue("a");
    queue.enqueue("b");
    await queue.idle();
    assert.deepEqual(ran, ["a (idle 0)", "b (idle 0)"]);
    assert.equal(idle, 1);
  });

  it("a lint that throws is reported and the next one runs", async () => {
    const errors: string[] = [];
    const ran: string[] = [];
    const queue = new LintQueue(
      async (uri) => {
        await Promise.resolve();
        if (uri === "bad") throw new Error("boom");
        ran.push(uri);
      },
      (uri, error) => errors.push(`${uri}: ${(error as Error).message}`),
    );
    queue.enqueue("bad");
    queue.enqueue("good");
    await queue.idle();
    assert.deepEqual(errors, ["bad: boom"]);
    assert.deepEqual(ran, ["good"]);
    // idle again: a new request starts a new drain
    queue.enqueue("later");
    await queue.idle();
    assert.deepEqual(ran, ["good", "later"]);
  });
});
