/** One RUN walker (analysis/instructions.ts runSteps/runStepOf): no rule picks RUN instructions out by itself. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runStepOf, runSteps } from "../../../../server/src/engine/analysis/instructions";
import { DockerfileModel } from "../../../../server/src/engine/model/dockerfile";

const RULES = join(__dirname, "../../../../server/src/engine/rules/dockerfile");

describe("one RUN walker", () => {
  it("no Dockerfile rule filters instructions by the RUN keyword or uses another walker", () => {
    const offenders: string[] = [];
    // undefined-variable asks which parts of an instruction the builder expands (only a RUN's flags): not a walk
    for (const f of readdirSync(RULES).filter((n) => n.endsWith(".ts") && n !== "undefined-variable.ts")) {
      const text = readFileSync(join(RULES, f), "utf8");
      if (/keyword\s*[!=]==\s*"RUN"|\brunsOf\(|\brunCommands\(/.test(text)) offenders.push(f);
    }
    assert.deepEqual(offenders, []);
  });
  it("RUN and ONBUILD RUN come from the same helper, per stage and per instruction", () => {
    const m = new DockerfileModel(
      "/ws/Dockerfile",
      "FROM alpine:3.22 AS a\nRUN echo a\nONBUILD RUN --mount=type=cache,target=/c echo b\nFROM a\nRUN echo c\n",
    );
    const [a, b] = m.stages;
    assert.deepEqual(
      runSteps(m, a).map((s) => s.onbuild),
      [false, true],
    );
    assert.deepEqual(
      runSteps(m, b).map((s) => s.onbuild),
      [false],
    );
    const onbuild = m.instructions.find((i) => i.keyword === "ONBUILD");
    assert.ok(onbuild);
    assert.equal(runStepOf(m, onbuild)?.mounts[0]?.target, "/c");
    assert.equal(runStepOf(m, m.instructions[0] as (typeof m.instructions)[number]), undefined);
  });
});
