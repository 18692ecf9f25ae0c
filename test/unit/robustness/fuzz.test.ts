/**
 * A short seeded fuzz run inside `npm test` (the long run is `npm run fuzz -- --count 100000 --seed …`, see the
 * README), and the minimized reproducers of failures the fuzzer found, kept as regression tests.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkProject, type Failure } from "../../../scripts/fuzz/check";
import { loadSeeds, mutant, type Project } from "../../../scripts/fuzz/mutants";
import type { FileKind } from "../../../server/src/engine/types";

const COUNT = Number(process.env.SHIPSHAPE_FUZZ_COUNT ?? 1500);
const SEED = 9;
// a lint that hangs takes minutes; CI machines running test files in parallel can be slow, so this is loose
const HANG_MS = 15_000;

describe("fuzz (short seeded run)", () => {
  it(`${COUNT} mutants: no crash, no hang, every fix removes its finding`, () => {
    const seeds = loadSeeds(process.cwd());
    assert.ok(seeds.length > 300, `${seeds.length} seeds`);
    const failures: (Failure & { mutant: number; target: string })[] = [];
    for (let i = 0; i < COUNT; i++) {
      const project = mutant(seeds, SEED, i);
      const r = checkProject(project, { hangMs: HANG_MS, maxFixes: 1 });
      for (const f of r.failures) failures.push({ ...f, mutant: i, target: project.target });
    }
    assert.deepEqual(
      failures.map(
        (f) => `${f.kind} ${f.message} (mutant ${f.mutant} of seed ${SEED}: npm run fuzz -- --seed ${SEED} --count ${f.mutant + 1})`,
      ),
      [],
    );
  });
});

const NAME: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yml", dockerignore: ".dockerignore" };
const single = (kind: FileKind, text: string): Project => ({
  name: text,
  kind,
  target: `/r/${NAME[kind]}`,
  files: { [`/r/${NAME[kind]}`]: text },
});

describe("fuzzer reproducers", () => {
  it("entrypoint-execs-command appended exec after an unterminated expansion in the script", () => {
    const project: Project = {
      name: "entrypoint",
      kind: "dockerfile",
      target: "/r/Dockerfile",
      files: {
        "/r/Dockerfile": 'FROM python:3.13-slim\nCOPY docker/start.sh /start.sh\nENTRYPOINT ["/start.sh"]\nCMD ["uvicorn", "app:app"]\n',
        "/r/docker/start.sh": "#!/bin/sh\nset -e\nalembic upgrade head $((\n",
      },
    };
    const r = checkProject(project, { hangMs: HANG_MS, maxFixes: 20 });
    assert.deepEqual(
      r.failures.map((f) => f.message),
      [],
    );
  });

  const cases: [string, FileKind, string][] = [
    [
      "apt-lists-cleanup appended its rm inside an unclosed quote",
      "dockerfile",
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl "\n',
    ],
    ["removing one of several CMDs exposes the next one (not the same finding)", "dockerfile", "FROM\nCMD\nCMD\nCMD"],
    ["restart-policy offered an edit on YAML that does not parse", "compose", "services: e: :"],
    ["no-empty-continuation offered a no-op for a trailing blank line", "dockerfile", "v\\\n"],
    ["non-root-user inserted USER inside an unclosed heredoc", "dockerfile", "FROM\nRUN <<: useradd app"],
    ["ARG (_TOKEN made a RegExp throw", "dockerfile", "FROM alpine:3.20\nARG (_TOKEN\nRUN echo $(_TOKEN\n"],
    [
      "healthcheck-missing edited one of two services with the same name",
      "compose",
      "services:\n  cache:\n   image: redis\n  cache:\n   :",
    ],
    ["non-root-user inserted USER after a dangling continuation", "dockerfile", "FROM\nRUN useradd app\\\n"],
    ["non-root-user appended USER to a FROM ending in a continuation", "dockerfile", "FROM dhi.io/:dev \\"],
    ["a self-merging anchor", "compose", "x-a: &a {<<: [*a, *a]}\nservices:\n  web:\n    <<: *a\n    image: x\n"],
    // from the 100,000-mutant run (seed 20261203)
    [
      "non-root-user appended USER after a continuation that goes on through a comment line",
      "dockerfile",
      "FROM jenkins/jenkins:2.479.1-lts\nUSER root\nRUN apt-get update \\\n# the continuation goes on past this comment\n",
    ],
    [
      "exec-form-cmd's HEALTHCHECK flag pattern backtracked exponentially on a run of dashes",
      "dockerfile",
      `FROM python:3.13-slim\nHEALTHCHECK --interval=30s \\\nHEALTHCHECK ${"-".repeat(60)}\n    CMD ["python", "-c", "print(1)"]\n`,
    ],
    [
      "no-literal-secrets inserted twice at the end of a file without a final newline",
      "compose",
      "services:\n  postgres:\n    image: postgres:16.2-alpine\n    environment:\n      POSTGRES_PASSWORD: devpass",
    ],
    // from the 100,000-mutant run (seed 20261205)
    [
      "uv-cache-mount wrote a mount target with spaces from a USER line of several words",
      "dockerfile",
      "FROM python:3.13-slim\nUSER non /uv /uvx /bin/\nRUN --mount=type=cache,target=/root/.cashe/uv uv venv /opt/venv && uv pip install dagster==1.11.13\n",
    ],
  ];
  it("secrets-in-build-args scanned every later instruction once per ARG (5,000 ARG lines took 22 s)", () => {
    const text = `FROM python:3.13-slim\n${"ARG PIP_TOKEN\n".repeat(5000)}RUN pip install --index-url https://u:$PIP_TOKEN@pypi.example.com/simple app\n`;
    const r = checkProject(single("dockerfile", text), { hangMs: HANG_MS, maxFixes: 1 });
    assert.deepEqual(
      r.failures.map((f) => f.message),
      [],
    );
  });
  it("each ignore comment looked for the next instruction past all the comments after it (30,000 in a row)", () => {
    const text = `FROM python:3.13-slim\n${"# shipshape-ignore a\n".repeat(30_000)}MAINTAINER a\n`;
    const r = checkProject(single("dockerfile", text), { hangMs: HANG_MS, maxFixes: 1 });
    assert.deepEqual(
      r.failures.map((f) => f.message),
      [],
    );
  });
  for (const [name, kind, text] of cases) {
    it(name, () => {
      const r = checkProject(single(kind, text), { hangMs: HANG_MS, maxFixes: 20 });
      assert.deepEqual(
        r.failures.map((f) => f.message),
        [],
      );
    });
  }
});
