import { rule } from "../../../../server/src/engine/rules/dockerfile/avoid-sudo";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [F + "RUN apt-get install sudo\n", F + "RUN echo sudo\n", F + "USER root\nRUN apt-get update\n"],
  invalid: [
    { name: "after a shell keyword", code: F + "RUN for f in a b; do sudo rm $f; done\n", errors: [{ messageId: "sudo", column: 22 }] },
    {
      name: "exec form",
      code: 'FROM debian\nUSER 0\nRUN ["sudo", "apt-get", "update"]\n',
      errors: [{ messageId: "sudo" }],
      output: 'FROM debian\nUSER 0\nRUN ["apt-get", "update"]\n',
    },
    { code: F + "RUN «sudo» apt-get update\n", errors: [{ messageId: "sudo" }] },
    { name: "chained", code: F + "RUN apt-get update && sudo apt-get install\n", errors: [{ messageId: "sudo", line: 2, column: 23 }] },
    { name: "in ONBUILD", code: F + "ONBUILD RUN sudo apt-get update\n", errors: [{ messageId: "sudo", line: 2, column: 13 }] },
    { name: "behind env", code: F + "RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get update\n", errors: [{ messageId: "sudo" }] },
    {
      name: "after USER root the fix just drops sudo (safe)",
      code: F + "USER root\nRUN sudo apt-get update\n",
      errors: [{ messageId: "sudo", line: 3 }],
      output: F + "USER root\nRUN apt-get update\n",
    },
    {
      name: "in a builder stage, with sudo options: no fix",
      code: "FROM node:22 AS build\nRUN sudo -u node npm ci\nFROM nginx:1.27\n",
      errors: [{ messageId: "sudo", line: 2 }],
    },
  ],
});

describe("dockerfile/avoid-sudo fix safety", () => {
  const safety = (code: string) => runRule(rule, { code }).findings.map((f) => f.fixes[0]?.safe);
  it("removing sudo is safe only when the model knows the step runs as root", () => {
    assert.deepEqual(safety("FROM debian\nUSER root\nRUN sudo make install\n"), [true]);
    assert.deepEqual(safety("FROM debian\nUSER app\nRUN sudo make install\n"), [false]);
    // debian's default user is root; an unknown base, or a base a build argument may replace, is not known
    assert.deepEqual(safety("FROM debian\nRUN sudo make install\n"), [true]);
    assert.deepEqual(safety("FROM example.com/acme/base:1\nRUN sudo make install\n"), [false]);
    assert.deepEqual(safety("ARG BASE=debian\nFROM $BASE\nRUN sudo make install\n"), [false]);
    assert.deepEqual(safety("FROM jenkins/jenkins:lts-jdk21\nRUN sudo make install\n"), [false]);
  });
});
