import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { allRules } from "../../../server/src/engine/rules";
import { cli, removeTemp, REPO_ROOT, tempRepo, type JsonFinding } from "./cliHarness";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER someone@example.com\nCMD ["python", "-m", "app"]\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27-alpine\n';

const temps: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = tempRepo(files);
  temps.push(dir);
  return dir;
}
after(() => temps.forEach(removeTemp));

/** A config with every rule off but one, so exit-code tests do not depend on which rules exist. */
function only(id: string, severity: string): string {
  return JSON.stringify({ rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.id === id ? severity : "off"])) });
}

function parseJson(stdout: string): JsonFinding[] {
  const parsed: unknown = JSON.parse(stdout);
  assert.ok(Array.isArray(parsed), "json output is one array");
  return parsed as JsonFinding[];
}

describe("shipshape lint on examples/", () => {
  it("stylish: grouped per file, a summary line, no colour when not a terminal, exit 0 with --exit-zero", async () => {
    const r = await cli(REPO_ROOT, "lint", "examples", "--exit-zero");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^examples\/fastapi-app\/Dockerfile$/m);
    assert.match(r.stdout, /^examples\/fastapi-app\/compose\.yml$/m);
    assert.match(r.stdout, /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info, \d+ hints?\) in \d+ files checked/);
    assert.ok(!r.stdout.includes("\u001b["), "no ANSI colour codes");
    assert.match(r.stdout, /compose\/no-version-key/);
    assert.match(r.stdout, /dockerfile\/maintainer-deprecated/);
  });

  it("json: exactly one array with the documented fields, 1-based positions, paths relative to cwd", async () => {
    const r = await cli(REPO_ROOT, "lint", "examples", "--format", "json", "--exit-zero");
    const findings = parseJson(r.stdout);
    assert.ok(findings.length >= 3);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f).sort(), [
        "column",
        "endColumn",
        "endLine",
        "file",
        "fixable",
        "line",
        "message",
        "ruleId",
        "severity",
      ]);
      assert.ok(["error", "warning", "info", "hint"].includes(f.severity));
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
      assert.ok(f.file.startsWith("examples/"), f.file);
      assert.equal(typeof f.fixable, "boolean");
    }
    const version = findings.find((f) => f.ruleId === "compose/no-version-key" && f.file === "examples/fastapi-app/compose.yml");
    assert.deepEqual(version && { line: version.line, column: version.column, endColumn: version.endColumn, fixable: version.fixable }, {
      line: 1,
      column: 1,
      endColumn: 8,
      fixable: true,
    });
  });

  it("the same findings from a different working directory, with paths relative to it", async () => {
    const fromRoot = parseJson((await cli(REPO_ROOT, "lint", "examples", "-f", "json", "--exit-zero")).stdout);
    const fromExamples = parseJson((await cli(`${REPO_ROOT}/examples`, "lint", "--format=json", "--exit-zero")).stdout);
    assert.deepEqual(
      fromExamples.map((f) => ({ ...f, file: `examples/${f.file}` })),
      fromRoot,
    );
  });

  it("NO_COLOR and --color", async () => {
    const r = await cli(REPO_ROOT, "lint", "examples", "--exit-zero", "--color");
    assert.ok(r.stdout.includes("\u001b["), "ANSI colour codes");
  });
});

describe("exit codes", () => {
  it("0 when only warnings remain", async () => {
    const dir = repo({ "compose.yml": COMPOSE, ".shipshape.json": only("compose/no-version-key", "warning") });
    const r = await cli(dir, "lint");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /compose\/no-version-key/);
  });

  it("0 and a clear line when nothing is found", async () => {
    const dir = repo({ "notes.txt": "nothing to lint" });
    const r = await cli(dir, "lint", ".");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No problems in 0 files/);
  });

  it("1 when a finding at error level remains (severity raised in .shipshape.json)", async () => {
    const dir = repo({ "compose.yml": COMPOSE, ".shipshape.json": only("compose/no-version-key", "error") });
    const r = await cli(dir, "lint", "--format", "json");
    assert.equal(r.code, 1);
    const f = parseJson(r.stdout).find((x) => x.ruleId === "compose/no-version-key");
    assert.equal(f?.severity, "error");
  });

  it("--exit-zero turns 1 into 0", async () => {
    const dir = repo({ "compose.yml": COMPOSE, ".shipshape.json": only("compose/no-version-key", "error") });
    assert.equal((await cli(dir, "lint", "--exit-zero")).code, 0);
  });

  it("--config FILE wins over .shipshape.json; off silences a rule", async () => {
    const dir = repo({
      "compose.yml": COMPOSE,
      ".shipshape.json": '{"rules":{"compose/no-version-key":"error"}}',
      "ci/relaxed.json": '{"rules":{"compose/no-version-key":{"severity":"off"}}}',
    });
    const r = await cli(dir, "lint", "--config", "ci/relaxed.json", "-f", "json", "--exit-zero");
    assert.equal((await cli(dir, "lint", "-f", "json")).code, 1);
    assert.equal(parseJson(r.stdout).filter((f) => f.ruleId === "compose/no-version-key").length, 0);
  });

  it("a nested .shipshape.json applies to the files below it, whatever folder the CLI runs in", async () => {
    const dir = repo({
      "compose.yml": COMPOSE,
      ".shipshape.json": only("compose/no-version-key", "error"),
      "svc/compose.yml": COMPOSE,
      "svc/.shipshape.json": only("compose/no-version-key", "off"),
    });
    const rules = (stdout: string) =>
      parseJson(stdout)
        .map((f) => `${f.file}:${f.ruleId}`)
        .sort();
    const fromRoot = await cli(dir, "lint", "-f", "json", "--exit-zero");
    assert.deepEqual(rules(fromRoot.stdout), ["compose.yml:compose/no-version-key"]);
    const fromSub = await cli(`${dir}/svc`, "lint", "..", "-f", "json", "--exit-zero");
    assert.deepEqual(rules(fromSub.stdout), ["../compose.yml:compose/no-version-key"], "svc's config does not leak to the parent");
    const review = await cli(`${dir}/svc`, "review", "compose.yml");
    assert.doesNotMatch(review.stdout, /no-version-key/, "review uses the same lookup");
  });

  it("--max-warnings N: 1 when there are more warnings", async () => {
    const dir = repo({ "compose.yml": COMPOSE, ".shipshape.json": only("compose/no-version-key", "warning") });
    const r = await cli(dir, "lint", "--max-warnings", "0");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /max-warnings/);
    assert.equal((await cli(dir, "lint", "--max-warnings", "1000")).code, 0);
  });

  const usage: [string, string[], Record<string, string>, RegExp][] = [
    ["an unknown option", ["lint", "--frobnicate"], {}, /unknown option --frobnicate/],
    ["an unknown format", ["lint", "--format", "xml"], {}, /unknown format "xml"/],
    ["a missing value", ["lint", "--format"], {}, /--format needs a value/],
    ["an unknown command", ["lnt"], {}, /unknown command "lnt"/],
    ["no command", [], {}, /Usage:/],
    ["a bad --max-warnings", ["lint", "--max-warnings", "lots"], {}, /whole number/],
    ["a config that is not JSON", ["lint"], { ".shipshape.json": "{ rules: " }, /invalid config \.shipshape\.json:\n\s+not valid JSON/],
    [
      "a config with a bad severity",
      ["lint"],
      { ".shipshape.json": '{"rules":{"compose/no-version-key":"loud"}}' },
      /compose\/no-version-key/,
    ],
    [
      "a config naming no rule",
      ["lint"],
      { ".shipshape.json": '{"rules":{"compose/no-such-rule":"off"}}' },
      /compose\/no-such-rule: no such rule/,
    ],
    ["a --config that does not exist", ["lint", "--config", "missing.json"], {}, /cannot read the config file missing\.json/],
    [
      "an option of the wrong type (a string where a list is expected)",
      ["lint"],
      { ".shipshape.json": '{"rules":{"compose/pin-image":{"options":{"allowedTags":"latest"}}}}' },
      /compose\/pin-image: option "allowedTags": expected a list of strings, e\.g\. \["a", "b"\], got "latest"/,
    ],
    [
      "an option the rule does not have",
      ["lint"],
      { ".shipshape.json": '{"rules":{"compose/pin-image":{"options":{"allowedTag":["lts"]}}}}' },
      /compose\/pin-image: no option "allowedTag" \(options: allowedTags\)/,
    ],
  ];
  for (const [what, argv, files, message] of usage) {
    it(`2 on ${what}, with a message`, async () => {
      const dir = repo({ "compose.yml": COMPOSE, ...files });
      const r = await cli(dir, ...argv);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("2 on a path that does not exist: named with the reason, and the rest is still linted", async () => {
    const dir = repo({ "compose.yml": COMPOSE });
    const r = await cli(dir, "lint", "no/such/dir", "compose.yml");
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /could not read no\/such\/dir: no such file or folder \(ENOENT\)/);
    assert.match(r.stdout, /compose\/no-version-key/);
  });
});

describe("discovery", () => {
  it("finds Dockerfiles, compose files and .dockerignore; respects .gitignore (nested, negated) and skips node_modules and .git", async () => {
    const dir = repo({
      ".gitignore": "build/\n*.generated.Dockerfile\n",
      Dockerfile: DOCKERFILE,
      "api/Dockerfile.prod": DOCKERFILE,
      "api/.dockerignore": ".git\n",
      "api/compose.override.yml": COMPOSE,
      "deploy/docker-compose.yaml": COMPOSE,
      "web.dockerfile": DOCKERFILE,
      "app.generated.Dockerfile": DOCKERFILE,
      "build/Dockerfile": DOCKERFILE,
      "vendor/.gitignore": "*\n!keep/\n!keep/**\n",
      "vendor/skip/Dockerfile": DOCKERFILE,
      "vendor/keep/Dockerfile": DOCKERFILE,
      "node_modules/pkg/Dockerfile": DOCKERFILE,
      ".git/Dockerfile": DOCKERFILE,
      "src/dockerfile.ts": "export const x = 1;\n",
      "docs/Dockerfile.md": "# about Dockerfiles\n",
    });
    const r = await cli(dir, "lint", "--format", "json", "--exit-zero");
    const files = new Set(parseJson(r.stdout).map((f) => f.file));
    for (const f of [
      "Dockerfile",
      "api/Dockerfile.prod",
      "api/compose.override.yml",
      "deploy/docker-compose.yaml",
      "vendor/keep/Dockerfile",
      "web.dockerfile",
    ])
      assert.ok(files.has(f), `${f} is linted`);
    for (const f of [
      "app.generated.Dockerfile",
      "build/Dockerfile",
      "vendor/skip/Dockerfile",
      "node_modules/pkg/Dockerfile",
      ".git/Dockerfile",
      "src/dockerfile.ts",
      "docs/Dockerfile.md",
    ])
      assert.ok(!files.has(f), `${f} is not linted`);
    const stylish = await cli(dir, "lint", "--exit-zero");
    assert.match(stylish.stdout, /in 7 files checked/, "the .dockerignore is checked too (it has no finding)");
  });

  it("a .gitignore above the linted folder counts, up to the repository root", async () => {
    const dir = repo({ ".gitignore": "sub/generated/\n", "sub/Dockerfile": DOCKERFILE, "sub/generated/Dockerfile": DOCKERFILE });
    const r = await cli(`${dir}/sub`, "lint", ".", "-f", "json", "--exit-zero");
    assert.deepEqual([...new Set(parseJson(r.stdout).map((f) => f.file))], ["Dockerfile"]);
  });

  it("a file named on the command line is linted even when ignored; an unsupported one is reported and skipped", async () => {
    const dir = repo({ ".gitignore": "build/\n", "build/Dockerfile": DOCKERFILE, "notes.txt": "hi\n" });
    const r = await cli(dir, "lint", "build/Dockerfile", "notes.txt", "-f", "json", "--exit-zero");
    assert.deepEqual([...new Set(parseJson(r.stdout).map((f) => f.file))], ["build/Dockerfile"]);
    assert.match(r.stderr, /notes\.txt is not a Dockerfile/);
  });

  it("templates found in folders are skipped with one note; named on the command line they are linted", async () => {
    const dir = repo({
      Dockerfile: DOCKERFILE,
      "Dockerfile-linux.template": "FROM debian:{{ env.variant }}-slim\nMAINTAINER me\nRUN true\n",
      "tpl/Dockerfile": "FROM python:{{ cookiecutter.python_version }}-slim\n",
      "tpl/compose.yml": "services:\n  web:\n    image: {{ cookiecutter.slug }}_web\n    {%- if x %}\n",
      "tpl/b/compose.yml": "services:\n  web:\n    image: {{ slug }}\n",
      "tpl/c/compose.yml": "services:\n  web:\n    image: {{ slug }}\n",
      // a Go template Compose itself reads is not Jinja
      "go/compose.yml": 'services:\n  web:\n    image: nginx:1.27-alpine\n    logging:\n      options:\n        tag: "{{.Name}}"\n',
    });
    const r = await cli(dir, "lint", "-f", "json", "--exit-zero");
    const files = new Set(parseJson(r.stdout).map((f) => f.file));
    assert.ok(files.has("Dockerfile") && files.has("go/compose.yml"), [...files].join(", "));
    for (const f of ["Dockerfile-linux.template", "tpl/Dockerfile", "tpl/compose.yml", "tpl/b/compose.yml"])
      assert.ok(!files.has(f), `${f} is skipped`);
    const notes = r.stderr.split("\n").filter((l) => l.includes("template"));
    assert.equal(notes.length, 1, r.stderr);
    assert.match(
      notes[0] ?? "",
      /skipped 5 template files .*: Dockerfile-linux\.template, tpl\/Dockerfile, tpl\/b\/compose\.yml and 2 more$/,
    );

    const named = await cli(dir, "lint", "Dockerfile-linux.template", "-f", "json", "--exit-zero");
    assert.deepEqual([...new Set(parseJson(named.stdout).map((f) => f.file))], ["Dockerfile-linux.template"]);
    assert.ok(!named.stderr.includes("template"), named.stderr);
  });

  it("bad input files get a finding or none, never a crash: binary, empty, BOM + CRLF", async () => {
    const dir = repo({ Dockerfile: "", "compose.yml": "\u0000\u0001\u0002binary" });
    const fs = await import("node:fs");
    fs.writeFileSync(`${dir}/api.Dockerfile`, Buffer.from("\uFEFFFROM python:3.13-slim\r\nMAINTAINER me\r\n", "utf8"));
    const r = await cli(dir, "lint", "-f", "json", "--exit-zero");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "", "no rule crashed");
    const findings = parseJson(r.stdout);
    assert.ok(findings.some((f) => f.file === "compose.yml" && f.ruleId === "shipshape/file-skipped"));
    assert.ok(!findings.some((f) => f.file === "Dockerfile" && f.ruleId === "shipshape/file-skipped"), "an empty file is linted");
    const m = findings.find((f) => f.file === "api.Dockerfile" && f.ruleId === "dockerfile/maintainer-deprecated");
    assert.deepEqual(m && [m.line, m.column], [2, 1], "the BOM does not shift columns");
  });

  it("a file too large to read and one that is not UTF-8 are reported as skipped", async () => {
    const dir = repo({});
    const fs = await import("node:fs");
    fs.writeFileSync(`${dir}/big.Dockerfile`, Buffer.alloc(9 * 1024 * 1024, 0x41));
    fs.writeFileSync(`${dir}/latin1.Dockerfile`, Buffer.from(Array.from({ length: 300 }, (_, i) => (i % 2 ? 0xe9 : 0xff))));
    const r = await cli(dir, "lint", "-f", "json");
    assert.equal(r.code, 0, r.stderr);
    const findings = parseJson(r.stdout);
    assert.deepEqual(
      findings.map((f) => [f.file, f.ruleId, f.severity]),
      [
        ["big.Dockerfile", "shipshape/file-skipped", "info"],
        ["latin1.Dockerfile", "shipshape/file-skipped", "info"],
      ],
    );
    assert.match(findings[0]?.message ?? "", /larger than/);
  });
});
