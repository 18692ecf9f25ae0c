import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateDagster } from "../../../server/src/engine/generators/dagster";
import { generateHardenedDockerfile } from "../../../server/src/engine/generators/hardenedDockerfile";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { refine } from "../../../server/src/engine/refine";
import { nodeFs } from "../../../server/src/cli/nodeFs";
import { lint } from "../../../server/src/engine/linter";
import { reviewFile } from "../../../server/src/engine/review";
import { checkStart } from "../../../server/src/engine/startCheck";
import type { WorkspaceFs } from "../../../server/src/engine/types";
import { ruleById } from "../../../server/src/engine/rules";
import { applyEdits } from "../../../server/src/engine/text";
import { memoryFs } from "../../../server/src/engine/workspace";
import { projectFs, readProject, rootOf } from "./helpers";

const root = rootOf("uv-fastapi-src");
const project = readProject("uv-fastapi-src");
const facts = readProjectFacts(projectFs(root, project), root);

const BAD = [
  "FROM python:3.12",
  "MAINTAINER someone@example.com",
  "WORKDIR /app",
  "COPY . .",
  "RUN pip install uv && uv sync",
  "EXPOSE 8000",
  "CMD uvicorn app.main:app --host 0.0.0.0 --port 8000",
  "",
].join("\n");

describe("reviewFile", () => {
  it("a generated Dockerfile: nothing critical, and Good lists what it does right", () => {
    const files = generateHardenedDockerfile(facts, {});
    const fs = projectFs(root, project, files);
    const r = reviewFile({ path: `${root}/Dockerfile`, text: files[0]?.contents ?? "", fs });
    assert.deepEqual(r.critical, []);
    const good = r.good.join("\n");
    for (const virtue of [
      /Multi-stage build/,
      /pinned/,
      /non-root user \(`app`\)/,
      /HEALTHCHECK/,
      /exec form/,
      /cache mounts/,
      /lockfile/,
      /manifests before the source/,
      /\.dockerignore/,
    ]) {
      assert.match(good, virtue);
    }
    assert.match(r.markdown, /^# Review: Dockerfile\n[\s\S]*## Critical\n\n_Nothing critical._[\s\S]*## Improvements[\s\S]*## Good\n\n- /);
  });

  it("a Dockerfile in docker/ is checked with the context the compose file above it builds it with", () => {
    const dagsterRoot = rootOf("pluginlake");
    const dagsterProject = readProject("pluginlake");
    const dagsterFacts = readProjectFacts(projectFs(dagsterRoot, dagsterProject), dagsterRoot);
    const files = generateDagster(dagsterFacts, { flavour: "hardened" });
    const path = "docker/user-code.Dockerfile";
    const text = files.find((f) => f.path === path)?.contents ?? "";
    const withCompose = reviewFile({ path: `${dagsterRoot}/${path}`, text, fs: projectFs(dagsterRoot, dagsterProject, files) });
    assert.deepEqual(withCompose.startFailures, []);
    assert.deepEqual(withCompose.critical, []);
    // without the compose file nothing says the context is the project root: from docker/ the manifests are missing
    const alone = files.filter((f) => !f.path.startsWith("compose"));
    const without = reviewFile({ path: `${dagsterRoot}/${path}`, text, fs: projectFs(dagsterRoot, dagsterProject, alone) });
    assert.ok(without.startFailures.some((f) => /pyproject\.toml/.test(f.message)));
  });

  it("praises a .dockerignore only when it excludes what matters, found where the lint finds it", () => {
    const text = "FROM python:3.13-slim\nCOPY . .\n";
    const praised = (files: Record<string, string>) =>
      reviewFile({ path: "/ws/app/Dockerfile", text, fs: memoryFs({ "/ws/app/Dockerfile": text, ...files }) }).good.some((g) =>
        /dockerignore/.test(g),
      );
    assert.equal(praised({ "/ws/app/.dockerignore": "node_modules\n" }), false, "no .git or .env exclusion: no praise");
    assert.equal(praised({ "/ws/app/.dockerignore": ".git\n.env\n.env.*\n!.env.example\n.venv\n" }), true);
    assert.equal(praised({ "/ws/app/Dockerfile.dockerignore": ".git\n.env\n.env.*\n.venv\n" }), true, "<Dockerfile>.dockerignore");
    assert.equal(praised({ "/ws/.git/HEAD": "ref", "/ws/.dockerignore": ".git\n.env\n.env.*\n.venv\n" }), true, "a parent folder");
    assert.equal(praised({}), false);
  });

  it("a single-stage root image: critical findings, and no false praise", () => {
    const r = reviewFile({ path: "/ws/Dockerfile", text: BAD, fs: memoryFs({ "/ws/Dockerfile": BAD }) });
    if (ruleById("dockerfile/non-root-user")) assert.ok(r.critical.some((f) => f.ruleId === "dockerfile/non-root-user"));
    const good = r.good.join("\n");
    assert.doesNotMatch(good, /Multi-stage|non-root|HEALTHCHECK|exec form|\.dockerignore/);
    assert.match(r.markdown, /## Critical\n\n- \*\*Line \d+\*\*/);
  });

  it("a generated Dagster compose file: healthchecks, healthy dependencies, limits, anchors", () => {
    const root2 = rootOf("dagster-code");
    const p2 = readProject("dagster-code");
    const files = generateDagster(readProjectFacts(projectFs(root2, p2), root2));
    const fs = projectFs(root2, p2, files);
    const r = reviewFile({ path: `${root2}/compose.yml`, text: files.find((f) => f.path === "compose.yml")?.contents ?? "", fs });
    assert.deepEqual(
      [...r.critical, ...r.improvements].map((f) => f.ruleId),
      [],
    );
    const good = r.good.join("\n");
    for (const virtue of [
      /Every service has a healthcheck/,
      /waits for healthy/,
      /restart policy/,
      /memory limit/,
      /`x-` extension field/,
      /pinned/,
    ])
      assert.match(good, virtue);
  });
});

describe("refine", () => {
  it("applies only the goal's safe fixes, as one whole-document edit, and is stable", () => {
    const path = "/ws/Dockerfile";
    const fs = memoryFs({ [path]: BAD });
    const production = refine({ path, text: BAD, fs, goal: "production" });
    assert.equal(applyEdits(BAD, production.edits), production.output);
    assert.ok(production.edits.length <= 1);
    for (const a of production.applied) assert.equal(ruleById(a.ruleId)?.meta.category, "reliability", a.ruleId);
    if (ruleById("dockerfile/exec-form-cmd")) assert.match(production.output, /CMD \["uvicorn", "app\.main:app"/);
    const again = refine({ path, text: production.output, fs, goal: "production" });
    assert.equal(again.changed, false, "a second run finds nothing more to fix");

    const size = refine({ path, text: BAD, fs, goal: "smaller-image" });
    for (const a of size.applied) assert.equal(ruleById(a.ruleId)?.meta.category, "image-size", a.ruleId);
    assert.match(size.output, /CMD uvicorn/, "another goal's fixes are left alone");
  });

  it("nothing to do on a generated Dockerfile", () => {
    const files = generateHardenedDockerfile(facts, {});
    const fs = projectFs(root, project, files);
    for (const goal of ["smaller-image", "faster-builds", "security", "production"] as const) {
      const r = refine({ path: `${root}/Dockerfile`, text: files[0]?.contents ?? "", fs, goal });
      assert.equal(r.changed, false, goal);
      assert.deepEqual(r.edits, []);
    }
  });
});

describe("review on the practices documents' own files", () => {
  const practices = join(__dirname, "..", "..", "fixtures", "practices");
  const reviewOf = (rel: string) => {
    const path = join(practices, rel);
    return reviewFile({ path, text: readFileSync(path, "utf8"), fs: nodeFs });
  };

  it("practice 001's Dockerfile: the production stage copies a virtualenv its source stage never makes, and probes https:// a server without TLS", () => {
    const r = reviewOf("dashtam/Dockerfile");
    const fails = r.startFailures.map((f) => f.message).join("\n");
    assert.match(fails, /COPY --from=base \/app\/\.venv: stage base never creates \/app\/\.venv/);
    assert.match(fails, /https:\/\/, and the server is started without TLS/);
    assert.match(r.markdown, /## Critical\n\n- \*\*Line \d+\*\* — Does not start: COPY --from=base/);
    assert.doesNotMatch(r.good.join("\n"), /^Starts/m, "nothing is praised as starting");
  });

  it("practice 002's Dockerfile: the curl | python installer is critical, nothing is claimed not to start", () => {
    const r = reviewOf("stockbook/Dockerfile");
    assert.deepEqual(r.startFailures, []);
    assert.ok(r.critical.some((f) => f.ruleId === "dockerfile/pipe-to-shell"));
  });

  it("agrees with lint: warnings and errors under Critical or Improvements, info and hints under Consider, each with why and a fix", () => {
    for (const rel of ["dashtam/Dockerfile", "stockbook/Dockerfile", "stockbook/docker-compose.yml", "dagster/compose.yml"]) {
      const path = join(practices, rel);
      const text = readFileSync(path, "utf8");
      const r = reviewFile({ path, text, fs: nodeFs });
      const linted = lint({ path, text, fs: nodeFs }).findings;
      const key = (f: { ruleId: string; range: { start: { line: number } }; message: string }) =>
        `${f.ruleId}@${f.range.start.line}:${f.message}`;
      assert.deepEqual(
        [...r.critical, ...r.improvements].map(key).sort(),
        linted
          .filter((f) => f.severity === "error" || f.severity === "warning")
          .map(key)
          .sort(),
        rel,
      );
      assert.deepEqual(
        r.consider.map(key).sort(),
        linted
          .filter((f) => f.severity === "info" || f.severity === "hint")
          .map(key)
          .sort(),
        rel,
      );
      for (const f of r.critical) assert.ok(f.severity === "error" || f.category === "security", `${rel}: ${f.ruleId} is critical`);
      for (const f of [...r.critical, ...r.improvements, ...r.consider]) {
        const item = r.markdown.split("\n- ").find((block) => block.includes(`(${f.ruleId}]`) || block.includes(`[${f.ruleId}](`));
        assert.ok(item, `${rel}: ${f.ruleId} is listed`);
        assert.match(item, /\n {2}- Why: \S/, `${rel}: ${f.ruleId} says why`);
        assert.match(item, /\n {2}- Fix: \S/, `${rel}: ${f.ruleId} says how to fix`);
      }
    }
  });
});

describe("refine keeps files starting", () => {
  it("on the practices' Dockerfiles and the generated ones, every goal's output starts whenever its input did", () => {
    const practices = join(__dirname, "..", "..", "fixtures", "practices");
    const cases: { path: string; text: string; fs: WorkspaceFs }[] = [];
    for (const rel of ["dashtam/Dockerfile", "stockbook/Dockerfile", "stockbook/Dockerfile.dev"]) {
      const path = join(practices, rel);
      cases.push({ path, text: readFileSync(path, "utf8"), fs: nodeFs });
    }
    for (const flavour of ["slim", "hardened", "distroless"] as const) {
      const files = generateHardenedDockerfile(facts, { flavour, devStage: true });
      cases.push({ path: `${root}/Dockerfile`, text: files[0]?.contents ?? "", fs: projectFs(root, project, files) });
    }
    let refined = 0;
    for (const c of cases) {
      const before = checkStart({ dockerfilePath: c.path, text: c.text, fs: c.fs }).failures;
      for (const goal of ["smaller-image", "faster-builds", "security", "production"] as const) {
        const r = refine({ path: c.path, text: c.text, fs: c.fs, goal });
        if (r.changed) refined++;
        if (before.length > 0) continue;
        const after = checkStart({ dockerfilePath: c.path, text: r.output, fs: c.fs }).failures;
        assert.deepEqual(
          after.map((f) => f.message),
          [],
          `${c.path} (${goal})`,
        );
      }
    }
    assert.ok(refined > 0, "some refinement happened");
  });
});
