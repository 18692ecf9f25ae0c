/**
 * The severity and fix policy (docs/severity.md): error-level rules name the failure they predict, every fixable rule
 * declares what its fixes are, safe fixes never turn a buildable file into one that fails, no two safe fixes
 * contradict each other, and no fix adds a shell-form RUN where there is no shell.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixToFixedPoint, isSafeFix } from "../../../server/src/engine/fixes";
import { lint } from "../../../server/src/engine/linter";
import { allRules } from "../../../server/src/engine/rules";
import type { Finding } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";

function lintAll(text: string, files: Record<string, string> = {}, fileName = "Dockerfile"): Finding[] {
  const path = `/ws/${fileName}`;
  const kind = fileName.endsWith(".yml") ? "compose" : fileName === ".dockerignore" ? "dockerignore" : "dockerfile";
  const fs: Record<string, string> = { [path]: text };
  for (const [k, v] of Object.entries(files)) fs[`/ws/${k}`] = v;
  return lint({ path, text, kind, fs: memoryFs(fs), throwOnRuleError: true }).findings;
}

/** The safe fixes applied to a fixed point, by the same applier `--fix` and "Fix all" use. */
function fixSafe(text: string, files: Record<string, string> = {}, fileName = "Dockerfile"): string {
  const path = `/ws/${fileName}`;
  const kind = fileName.endsWith(".yml") ? "compose" : fileName === ".dockerignore" ? "dockerignore" : "dockerfile";
  const fs: Record<string, string> = { [path]: text };
  for (const [k, v] of Object.entries(files)) fs[`/ws/${k}`] = v;
  return fixToFixedPoint({ path, text, kind, fs: memoryFs(fs), throwOnRuleError: true }).text;
}

describe("severity policy", () => {
  it("every error-level rule names the failure it predicts", () => {
    const missing = allRules.filter((r) => r.meta.defaultSeverity === "error" && !(r.meta.failure && r.meta.failure.length > 20));
    assert.deepEqual(
      missing.map((r) => r.meta.id),
      [],
    );
  });
  it("a rule that is not error-level does not claim a certain failure", () => {
    assert.deepEqual(
      allRules.filter((r) => r.meta.defaultSeverity !== "error" && r.meta.failure !== undefined).map((r) => r.meta.id),
      [],
    );
  });
});

describe("fix policy", () => {
  it("every fixable rule declares its fix kinds, and only fixable rules do", () => {
    for (const r of allRules) {
      if (r.meta.fixable) assert.ok((r.meta.fixKinds ?? []).length > 0, `${r.meta.id} declares no fixKinds`);
      else assert.equal(r.meta.fixKinds, undefined, `${r.meta.id} is not fixable but declares fixKinds`);
    }
  });
  it("isSafeFix follows the fix's own verdict", () => {
    const finding = lintAll('FROM python:3.13-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n')[0];
    assert.ok(finding);
    assert.equal(isSafeFix({ title: "x", safe: true, edits: [] }, finding), true);
    assert.equal(isSafeFix({ title: "x", safe: false, edits: [] }, finding), false);
  });
  it("a fix of a kind the rule does not declare is refused by the linter", () => {
    const rule = allRules.find((r) => r.meta.id === "dockerfile/non-root-user");
    assert.ok(rule);
    const patched = { ...rule, meta: { ...rule.meta, fixKinds: ["safe" as const] } };
    assert.throws(
      () =>
        lint({
          path: "/ws/Dockerfile",
          text: 'FROM python:3.13-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
          kind: "dockerfile",
          rules: [patched as typeof rule],
          throwOnRuleError: true,
        }),
      /does not declare/,
    );
  });

  // Dockerfiles that build, on the bases the image model distinguishes; safe fixes must keep them building:
  // no new error-level finding (the ones that predict a certain failure) may appear after the fixes.
  const BUILDABLE: Record<string, string> = {
    "alpine + BusyBox wget": 'FROM alpine:3.22\nRUN wget -O /tmp/a https://example.com/a\nRUN apk add curl\nCMD ["sh"]\n',
    "node alpine":
      'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
    "python slim + pip": 'FROM python:3.13-slim\nCOPY requirements.txt /app\nRUN pip install -r /app/requirements.txt\nCMD ["python"]\n',
    "python full + GNU wget": "FROM python:3.13\nRUN apt update && apt install curl && wget https://example.com/a\n",
    "ARG base": "ARG BASE=python:3.13\nFROM $BASE\nRUN wget https://example.com/a\n",
    "distroless runtime":
      'FROM python:3.13-slim AS build\nRUN pip install --target /deps requests==2.32.3\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\nCMD ["app.py"]\n',
    "shell removed":
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /bin/sh\nCMD ["/app"]\n',
    "ubi-minimal": 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar\nCMD ["/app"]\n',
    "env destination":
      'FROM python:3.13-slim\nENV DAGSTER_HOME=/opt/dagster/home/\nCOPY dagster.yaml workspace.yaml $DAGSTER_HOME\nCMD ["dagster"]\n',
    "non-root user caches":
      'FROM python:3.13-slim\nRUN useradd -m app\nUSER app\nRUN pip install --user requests==2.32.3\nCMD ["python"]\n',
  };
  for (const [name, text] of Object.entries(BUILDABLE)) {
    it(`safe fixes keep "${name}" building`, () => {
      const before = lintAll(text);
      const errorsBefore = new Set(before.filter((f) => f.severity === "error").map((f) => f.ruleId));
      const fixed = fixSafe(text);
      const after = lintAll(fixed);
      const newErrors = after.filter((f) => f.severity === "error" && !errorsBefore.has(f.ruleId));
      assert.deepEqual(
        newErrors.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        fixed,
      );
      // BusyBox wget rejects --progress; a safe fix must never add it where BusyBox runs
      if (/alpine/.test(text)) assert.ok(!fixed.includes("--progress"), fixed);
    });
  }

  it("safe fixes from each rule's own examples add no error-level finding", () => {
    for (const rule of allRules) {
      if (rule.meta.kind !== "dockerfile" || !(rule.meta.fixKinds ?? []).includes("safe")) continue;
      for (const ex of rule.meta.examples) {
        const before = lintAll(ex.bad, ex.files, ex.fileName ?? "Dockerfile");
        const errorsBefore = new Set(before.filter((f) => f.severity === "error").map((f) => f.ruleId));
        const fixed = fixSafe(ex.bad, ex.files, ex.fileName ?? "Dockerfile");
        const after = lintAll(fixed, ex.files, ex.fileName ?? "Dockerfile");
        assert.deepEqual(
          after.filter((f) => f.severity === "error" && !errorsBefore.has(f.ruleId)).map((f) => f.ruleId),
          [],
          `${rule.meta.id}:\n${fixed}`,
        );
      }
    }
  });

  // where a rule's safe fix applies only to some findings (avoid-sudo: only as root), a buildable input that has one
  const SAFE_FIX_CASES: Record<string, string> = {
    "dockerfile/avoid-sudo": "FROM debian:bookworm-slim\nRUN sudo apt-get update\n",
    "dockerfile/workdir-absolute-path": "FROM python:3.13-slim\nWORKDIR /srv\nWORKDIR app\nCOPY . .\n",
  };
  it("every rule that declares safe fixes applies one, removes its finding and keeps the file building", () => {
    const unexercised: string[] = [];
    for (const rule of allRules) {
      if (!(rule.meta.fixKinds ?? []).includes("safe")) continue;
      const fileName = rule.meta.kind === "compose" ? "compose.yml" : rule.meta.kind === "dockerignore" ? ".dockerignore" : "Dockerfile";
      const inputs = rule.meta.examples.map((ex) => ({ text: ex.bad, files: ex.files ?? {}, fileName: ex.fileName ?? fileName }));
      const extra = SAFE_FIX_CASES[rule.meta.id];
      if (extra !== undefined) inputs.push({ text: extra, files: {}, fileName });
      let exercised = false;
      for (const input of inputs) {
        const path = `/ws/${input.fileName}`;
        const files: Record<string, string> = { [path]: input.text };
        for (const [k, v] of Object.entries(input.files)) files[`/ws/${k}`] = v;
        // rules that are off by default are switched on, as a user who wants their fix would
        const options = {
          path,
          text: input.text,
          kind: rule.meta.kind,
          fs: memoryFs(files),
          config: { rules: { [rule.meta.id]: "warning" as const } },
          throwOnRuleError: true,
        };
        const before = lint(options).findings;
        const run = fixToFixedPoint(options);
        if (
          run.applied.some((a) => a.ruleId === rule.meta.id) &&
          !run.findings.some((f) => f.ruleId === rule.meta.id && f.fixes.some((x) => isSafeFix(x, f)))
        )
          exercised = true;
        const errorsBefore = new Set(before.filter((f) => f.severity === "error").map((f) => f.ruleId));
        assert.deepEqual(
          run.findings.filter((f) => f.severity === "error" && !errorsBefore.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`),
          [],
          `${rule.meta.id}: safe fixes made a buildable file fail:\n${run.text}`,
        );
      }
      if (!exercised) unexercised.push(rule.meta.id);
    }
    assert.deepEqual(unexercised, [], "rules that declare a safe fix none of their inputs gets");
  });

  it("no safe fix brings in another rule's finding (fixes never undo or contradict each other)", () => {
    const introduced: string[] = [];
    for (const rule of allRules) {
      for (const ex of rule.meta.examples) {
        const fileName =
          ex.fileName ??
          (rule.meta.kind === "compose" ? "compose.yml" : rule.meta.kind === "dockerignore" ? ".dockerignore" : "Dockerfile");
        const before = lintAll(ex.bad, ex.files, fileName);
        const run = fixToFixedPoint({
          path: `/ws/${fileName}`,
          text: ex.bad,
          kind: rule.meta.kind,
          fs: memoryFs({
            [`/ws/${fileName}`]: ex.bad,
            ...Object.fromEntries(Object.entries(ex.files ?? {}).map(([k, v]) => [`/ws/${k}`, v])),
          }),
          throwOnRuleError: true,
        });
        const had = new Set(before.map((f) => f.ruleId));
        for (const f of run.findings)
          if (!had.has(f.ruleId) && f.severity !== "hint") introduced.push(`${rule.meta.id} example -> ${f.ruleId}: ${f.message}`);
        assert.ok(run.converged, `${rule.meta.id}: safe fixes did not reach a fixed point`);
      }
    }
    assert.deepEqual(introduced, []);
  });

  it("no two safe fixes contradict: a pip cache mount and --no-cache-dir never end up on one RUN", () => {
    const cases = [
      "FROM python:3.13-slim\nRUN pip install requests==2.32.3\n",
      "FROM python:3.13-slim\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install requests==2.32.3\n",
      "FROM python:3.13-slim\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install requests==2.32.3\n",
    ];
    for (const text of cases) {
      const fixed = fixSafe(text);
      for (const line of fixed.split("\n")) {
        assert.ok(!(/--mount=type=cache[^ ]*pip/.test(line) && line.includes("--no-cache-dir")), `contradicting fixes:\n${fixed}`);
      }
    }
  });

  it("no fix adds a shell-form RUN after the shell is gone", () => {
    const texts = [
      'FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app.py\nCMD ["app.py"]\n',
      'FROM debian:bookworm-slim\nRUN rm -f /bin/sh\nCMD ["/app"]\n',
      'FROM dhi.io/python:3.13-debian13\nCOPY app.py /app.py\nCMD ["python", "/app.py"]\n',
    ];
    for (const text of texts) {
      for (const f of lintAll(text)) {
        for (const fix of f.fixes) {
          for (const e of fix.edits) {
            assert.ok(!/(^|\n)RUN (?!\[)/.test(e.newText), `${f.ruleId} offers "${fix.title}" adding a shell RUN:\n${e.newText}`);
          }
        }
      }
    }
  });
});
