import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { findConfigFile } from "../../../server/src/engine/configLookup";
import { migrateFromPeers, resolveRuleIds, translateDclint, translateHadolint } from "../../../server/src/engine/migrate";
import { allRules } from "../../../server/src/engine/rules";
import { memoryFs } from "../../../server/src/engine/workspace";
import { cli, removeTemp, tempRepo, type JsonFinding } from "../cli/cliHarness";

const temps: string[] = [];
after(() => temps.forEach(removeTemp));
function repo(files: Record<string, string>): string {
  const dir = tempRepo(files);
  temps.push(dir);
  return dir;
}

describe("translateHadolint", () => {
  it("ignored turns a rule off only when every hadolint check it covers is ignored", () => {
    const { config, notes } = translateHadolint("ignored:\n  - DL4000\n  - DL3007\n");
    assert.equal(config.rules?.["dockerfile/maintainer-deprecated"], "off");
    assert.equal(config.rules?.["dockerfile/pin-base-image"], undefined, "DL3006 is still wanted");
    assert.ok(notes.some((n) => n.includes("DL3007") && n.includes("dockerfile/pin-base-image") && n.includes("DL3006")));
    const both = translateHadolint("ignored: [DL3006, DL3007]\n");
    assert.equal(both.config.rules?.["dockerfile/pin-base-image"], "off");
  });

  it("override maps error/warning/info/style to severities; ignored wins; conflicts take the more severe", () => {
    const { config, notes } = translateHadolint(
      "override:\n  error: [DL3008, DL3030]\n  info: [DL3038]\n  style: [DL3003]\n  warning: [DL4000]\nignored: [DL4000]\n",
    );
    assert.equal(config.rules?.["dockerfile/apt-pin-versions"], "error");
    assert.equal(config.rules?.["dockerfile/workdir-instead-of-cd"], "hint");
    assert.equal(config.rules?.["dockerfile/maintainer-deprecated"], "off");
    assert.equal(config.rules?.["dockerfile/rpm-assume-yes"], "error");
    assert.ok(notes.some((n) => n.includes("dockerfile/rpm-assume-yes")));
  });

  it("trustedRegistries, label-schema and strict-labels become rule options", () => {
    const { config } = translateHadolint(
      "trustedRegistries:\n  - registry.example.com\n  - '*.gcr.io'\nlabel-schema:\n  author: text\n  org.opencontainers.image.created: rfc3339\nstrict-labels: true\n",
    );
    assert.deepEqual(config.rules?.["dockerfile/allowed-registries"], {
      options: { allowedRegistries: ["registry.example.com", "*.gcr.io"] },
    });
    assert.deepEqual(config.rules?.["dockerfile/required-labels"], {
      severity: "info",
      options: { labels: ["author", "org.opencontainers.image.created"], strict: true },
    });
    assert.deepEqual(config.rules?.["dockerfile/label-value-format"], {
      options: { schema: { author: "text", "org.opencontainers.image.created": "rfc3339" } },
    });
    assert.deepEqual(translateHadolint("trustedRegistries: docker.io\n").config.rules?.["dockerfile/allowed-registries"], {
      options: { allowedRegistries: ["docker.io"] },
    });
  });

  it("failure-threshold and no-fail; unknown codes and keys are noted, not guessed", () => {
    assert.equal(translateHadolint("failure-threshold: style\n").config.failureThreshold, "hint");
    assert.equal(translateHadolint("failure-threshold: warning\nno-fail: true\n").config.failureThreshold, "none");
    const { config, notes } = translateHadolint("ignored: [SC2086, DL9999]\nformat: json\n");
    assert.deepEqual(config.rules, {});
    assert.ok(notes.some((n) => n.includes("SC2086") && n.includes("DL9999")));
    assert.ok(notes.some((n) => n.includes("`format`")));
  });

  it("bad input is a note, never an exception", () => {
    for (const bad of ["{", "- a\n- b\n", "ignored: 3\noverride: [1]\n", "a: &a [*a]\n", "x: " + "[".repeat(500)]) {
      const t = translateHadolint(bad);
      assert.ok(typeof t.config === "object", bad);
    }
    assert.match(translateHadolint("{").notes[0] ?? "", /not valid YAML/);
  });
});

describe("translateDclint", () => {
  it("levels 0/1/2 (alone or with options) map through the rules' dclint equivalents", () => {
    const { config, notes } = translateDclint(
      JSON.stringify({
        rules: {
          "no-version-field": 0,
          "services-alphabetical-order": 2,
          "require-quotes-in-ports": [1, { quoteType: "double" }],
          "made-up": 2,
        },
      }),
    );
    assert.deepEqual(config.rules, {
      "compose/no-version-key": "off",
      "compose/sorted-services": "error",
      "compose/quote-ports": "warning",
    });
    assert.ok(notes.some((n) => n.includes("require-quotes-in-ports") && n.includes("options")));
    assert.ok(notes.some((n) => n.includes("made-up")));
  });

  it("YAML works too; a JavaScript config is noted, not run", () => {
    assert.deepEqual(translateDclint("rules:\n  no-version-field: 0\n").config.rules, { "compose/no-version-key": "off" });
    const js = translateDclint("module.exports = { rules: {} };\n");
    assert.deepEqual(js.config, {});
    assert.ok(js.notes.length === 1);
  });
});

describe("equivalents lookup", () => {
  it("every hadolint and dclint equivalent resolves back to its rule", () => {
    for (const r of allRules)
      for (const e of r.meta.equivalents.filter((x) => /^(hadolint|dclint):/.test(x))) assert.ok(resolveRuleIds(e).includes(r.meta.id), e);
    assert.deepEqual(resolveRuleIds("DL4000"), ["dockerfile/maintainer-deprecated"]);
    assert.deepEqual(resolveRuleIds("no-version-field"), ["compose/no-version-key"]);
    assert.deepEqual(resolveRuleIds("nothing"), []);
  });
});

describe("config lookup without .shipshape.json", () => {
  it("the server reads the nearest .hadolint.yaml and .dclintrc up to the workspace folder; .shipshape.json wins", () => {
    const files: Record<string, string> = {
      "/w/.hadolint.yml": "ignored: [DL4000]\n",
      "/w/.dclintrc": '{"rules": {"no-version-field": 0}}',
      "/w/svc/Dockerfile": "FROM x\n",
    };
    const found = findConfigFile("/w/svc/Dockerfile", memoryFs(files), ["/w"]);
    assert.deepEqual(found?.migratedFrom, ["/w/.hadolint.yml", "/w/.dclintrc"]);
    assert.deepEqual(found?.config.rules, { "dockerfile/maintainer-deprecated": "off", "compose/no-version-key": "off" });
    assert.equal(
      migrateFromPeers("/elsewhere", (p) => files[p]),
      undefined,
    );
    files["/w/.shipshape.json"] = "{}";
    assert.equal(findConfigFile("/w/svc/Dockerfile", memoryFs(files), ["/w"])?.migratedFrom, undefined);
  });

  it("the CLI uses them and says so once; --config and .shipshape.json win", async () => {
    const dir = repo({
      Dockerfile: "FROM python:3.13-slim\nMAINTAINER a@example.com\nUSER app\n",
      ".hadolint.yaml": "ignored: [DL4000]\nfailure-threshold: info\n",
    });
    const r = await cli(dir, "lint", "-f", "json");
    assert.ok(!(JSON.parse(r.stdout) as JsonFinding[]).some((f) => f.ruleId === "dockerfile/maintainer-deprecated"));
    assert.equal(r.stderr.match(/no \.shipshape\.json; using the settings of \.hadolint\.yaml/g)?.length, 1);
    fs.writeFileSync(path.join(dir, ".shipshape.json"), "{}");
    const own = await cli(dir, "lint", "-f", "json");
    assert.ok((JSON.parse(own.stdout) as JsonFinding[]).some((f) => f.ruleId === "dockerfile/maintainer-deprecated"));
    assert.doesNotMatch(own.stderr, /hadolint/);
  });
});

describe("shipshape init config --from", () => {
  it("prints the translated .shipshape.json and what was not carried over; writes only with --yes; the CLI then reads it", async () => {
    const dir = repo({
      Dockerfile: "FROM python:3.13-slim\nMAINTAINER a@example.com\nUSER app\n",
      ".hadolint.yaml": "ignored: [DL4000, SC2086]\nno-fail: true\n",
      ".dclintrc.yaml": "rules:\n  no-version-field: 2\n",
    });
    const plan = await cli(dir, "init", "config", "--from", "hadolint,dclint");
    assert.equal(plan.code, 0);
    assert.match(plan.stdout, /SC2086/);
    assert.match(plan.stdout, /Nothing written/);
    assert.ok(!fs.existsSync(path.join(dir, ".shipshape.json")));
    const done = await cli(dir, "init", "config", "--from", "hadolint", "--from", "dclint", "--yes");
    assert.equal(done.code, 0);
    const written = JSON.parse(fs.readFileSync(path.join(dir, ".shipshape.json"), "utf8")) as Record<string, unknown>;
    assert.deepEqual(written, {
      rules: { "compose/no-version-key": "error", "dockerfile/maintainer-deprecated": "off" },
      failureThreshold: "none",
    });
    const lint = await cli(dir, "lint", "--rule", "dockerfile/non-root-user=error");
    assert.equal(lint.code, 0, "no-fail carried over as failureThreshold none");
    assert.doesNotMatch(lint.stderr, /hadolint/, "the written file is used, not the translation");
    const again = await cli(dir, "init", "config", "--from", "hadolint", "--yes");
    assert.equal(again.code, 1, "an existing, different .shipshape.json is skipped without --force");
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, ".shipshape.json"), "utf8")).rules["compose/no-version-key"], "error");
  });

  it("usage errors: no --from, an unknown tool, no config to read", async () => {
    const dir = repo({});
    for (const argv of [[], ["--from", "eslint"], ["--from", "hadolint"]])
      assert.equal((await cli(dir, "init", "config", ...argv)).code, 2, argv.join(" "));
  });
});
