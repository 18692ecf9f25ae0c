/** The stage simulation's environment: what ENV, ARG and RUN assignments see while the stages are replayed. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DockerfileModel } from "../../../server/src/engine/model/dockerfile";
import { simulate } from "../../../server/src/engine/startCheck/image";

function finalEnv(text: string): ReadonlyMap<string, string> {
  const model = new DockerfileModel("/p/Dockerfile", text);
  const sim = simulate(model, { dockerfilePath: "/p/Dockerfile", context: undefined });
  assert.ok(sim.final);
  return sim.final.env;
}

describe("simulate: environment", () => {
  it("one ENV's values are expanded with the variables from before it, as Docker does", () => {
    const env = finalEnv("FROM python:3.13-slim\nENV A=/old\nENV A=/new B=$A/x\n");
    assert.equal(env.get("A"), "/new");
    assert.equal(env.get("B"), "/old/x");
  });

  it("one ARG's defaults see the ARGs before it, not each other", () => {
    const env = finalEnv("FROM python:3.13-slim\nARG V=1\nARG V=2 W=$V\nENV OUT=$W\n");
    assert.equal(env.get("OUT"), "1");
  });

  it("an ENV wins over an ARG of the same name, and a later ENV sees an earlier one", () => {
    const env = finalEnv("FROM python:3.13-slim\nARG HOME_DIR=/arg\nENV HOME_DIR=/env\nENV DATA=$HOME_DIR/data\n");
    assert.equal(env.get("DATA"), "/env/data");
  });

  it("a variable unknown at that point leaves the value unknown (not set)", () => {
    const env = finalEnv("FROM python:3.13-slim\nENV B=$NOPE/x\n");
    assert.equal(env.has("B"), false);
  });

  it("reads the right value among thousands of ENVs and WORKDIRs", () => {
    const lines = ["FROM python:3.13-slim"];
    for (let i = 0; i < 5000; i++) lines.push(`ENV V${i}=${i}`, `WORKDIR /w${i}`);
    lines.push("ENV LAST=$V4999 FIRST=${V0}");
    const env = finalEnv(lines.join("\n") + "\n");
    assert.equal(env.get("LAST"), "4999");
    assert.equal(env.get("FIRST"), "0");
  });
});
