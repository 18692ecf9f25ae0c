import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { allRules } from "../../../server/src/engine/rules";
import { ruleDocUrl } from "../../../server/src/engine/docs";
import { cli, REPO_ROOT } from "./cliHarness";
import { sarifProblems } from "./sarifValidator";

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Log {
  runs: {
    tool: {
      driver: {
        rules: { id: string; helpUri?: string; defaultConfiguration: { level: string }; help: { text: string; markdown: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[];
    }[];
  }[];
}

/**
 * The official SARIF 2.1.0 JSON schema, from the devDependency `@microsoft/jest-sarif`
 * (lib/schemas/sarif-2.1.0-rtm.5.json; no network at test time). `unicodeRegExp: false` because one of its
 * patterns is not valid in unicode mode.
 */
function officialSchema(): object | undefined {
  const candidates = ["@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"];
  for (const c of candidates) {
    try {
      const schema = JSON.parse(fs.readFileSync(require.resolve(c, { paths: [REPO_ROOT] }), "utf8")) as Record<string, unknown>;
      // the published schema is draft-04 (`id`); ajv 8 reads it as draft-07 once the root id is renamed
      const { $schema: _draft, id, ...rest } = schema;
      return id === undefined ? rest : { ...rest, $id: id };
    } catch {
      // not installed
    }
  }
  return undefined;
}

async function sarifOfExamples(): Promise<{ raw: unknown; log: Log }> {
  const r = await cli(REPO_ROOT, "lint", "examples", "--format", "sarif", "--exit-zero");
  assert.equal(r.code, 0);
  const raw: unknown = JSON.parse(r.stdout);
  return { raw, log: raw as Log };
}

describe("--format sarif", () => {
  it("has every field GitHub code scanning needs", async () => {
    const { raw } = await sarifOfExamples();
    assert.deepEqual(sarifProblems(raw), []);
  });

  it("validates against the official SARIF 2.1.0 schema", async () => {
    const schema = officialSchema();
    assert.ok(schema, "the SARIF 2.1.0 schema ships with the devDependency @microsoft/jest-sarif");
    const { raw } = await sarifOfExamples();
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(raw), JSON.stringify(validate.errors, null, 2));
  });

  it("lists every rule with help, helpUri and its default level; results point at them", async () => {
    const { log } = await sarifOfExamples();
    const run = log.runs[0];
    assert.ok(run);
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.id),
      allRules.map((r) => r.meta.id),
    );
    for (const r of rules) {
      assert.equal(r.helpUri, ruleDocUrl(r.id));
      assert.ok(r.help.text.length > 0 && r.help.markdown.length > 0);
    }
    const version = rules.find((r) => r.id === "compose/no-version-key");
    assert.equal(version?.defaultConfiguration.level, "warning");

    const result = run.results.find(
      (x) =>
        x.ruleId === "compose/no-version-key" &&
        x.locations[0]?.physicalLocation.artifactLocation.uri === "examples/fastapi-app/compose.yml",
    );
    assert.ok(result, "the version key in the FastAPI compose file is reported");
    assert.equal(rules[result.ruleIndex]?.id, result.ruleId);
    assert.equal(result.level, "warning");
    assert.deepEqual(result.locations[0]?.physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 8 });
  });

  it("maps info and hint to note", async () => {
    const dir = path.join(REPO_ROOT, "examples");
    const r = await cli(dir, "lint", "fastapi-app/compose.yml", "-f", "sarif", "--exit-zero");
    const log = JSON.parse(r.stdout) as Log;
    for (const res of log.runs[0]?.results ?? []) assert.ok(["error", "warning", "note"].includes(res.level));
  });

  it("the structural validator catches what GitHub rejects", () => {
    assert.ok(sarifProblems({ version: "2.0.0", runs: [] }).length >= 2);
    const bad = {
      version: "2.1.0",
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      runs: [
        {
          tool: {
            driver: {
              name: "x",
              rules: [{ id: "a", shortDescription: { text: "s" }, fullDescription: { text: "f" }, help: { text: "h" } }],
            },
          },
          results: [
            {
              ruleId: "b",
              level: "warning",
              message: { text: "m" },
              locations: [{ physicalLocation: { artifactLocation: { uri: "/abs" }, region: { startLine: 0 } } }],
            },
          ],
        },
      ],
    };
    const problems = sarifProblems(bad);
    assert.ok(problems.some((p) => p.includes("ruleId must name a rule")));
    assert.ok(problems.some((p) => p.includes("relative URI")));
    assert.ok(problems.some((p) => p.includes("startLine")));
  });
});
