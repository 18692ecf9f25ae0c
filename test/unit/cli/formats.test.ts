/**
 * The CI-facing output formats, each checked the way its consumer reads it: the XML formats with a strict XML 1.0
 * parser (sax), the GitLab and Code Climate JSON against JSON Schemas written from their published specifications,
 * and the GitHub workflow commands with a parser that follows the runner's documented escaping.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import Ajv from "ajv";
import sax from "sax";
import { formatCheckstyle } from "../../../server/src/cli/format/checkstyle";
import { formatCodeClimate, formatGitlab } from "../../../server/src/cli/format/codeclimate";
import type { DisplayFinding } from "../../../server/src/cli/format/display";
import { formatGithub } from "../../../server/src/cli/format/github";
import { formatJunit } from "../../../server/src/cli/format/junit";
import { cli, removeTemp, tempRepo } from "./cliHarness";

const DOCKERFILE = 'FROM python\nMAINTAINER someone@example.com\nRUN apt-get install curl\nCMD ["python", "-m", "app"]\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27-alpine\n';

const temps: string[] = [];
after(() => temps.forEach(removeTemp));
function project(): string {
  const dir = tempRepo({ Dockerfile: DOCKERFILE, "compose.yml": COMPOSE, "clean/.dockerignore": ".git\n.env\n.env.*\n" });
  temps.push(dir);
  return dir;
}

/** Findings whose text tries every escaping hazard of the formats. */
const NASTY: DisplayFinding[] = [
  {
    file: "sub dir/a,b:c.Dockerfile",
    ruleId: "dockerfile/pin-base-image",
    severity: "error",
    line: 3,
    column: 2,
    endLine: 4,
    endColumn: 9,
    message: "100% <bad> & \"quoted\" 'x'\nsecond line: a,b\r\n::warning::injected \u0001\u0008 lone \ud800 end",
    fixable: false,
  },
  {
    file: "compose.yml",
    ruleId: "compose/no-version-key",
    severity: "hint",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 8,
    message: "plain",
    fixable: true,
  },
];

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict XML 1.0 parse into a tree; throws on anything malformed. */
function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, {});
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  let error: Error | undefined;
  parser.onerror = (e) => {
    error ??= e;
  };
  parser.onopentag = (tag) => {
    const el: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], text: "" };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.write(xml).close();
  if (error) throw error;
  assert.equal(root.children.length, 1, "one root element");
  // sax accepts these control characters; XML 1.0 does not, and strict consumers (Nokogiri, dom4j) reject them
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  return root.children[0] as XmlElement;
}

/** What the Actions runner does with a `::command k=v,…::data` line (documented escapes undone in one pass). */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const m = /^::([a-z-]+)(?: ([^:]*(?::(?!:)[^:]*)*))?::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescape = (s: string, property: boolean) =>
    s.replace(property ? /%(25|0D|0A|3A|2C)/g : /%(25|0D|0A)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? "").split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
  }
  return { command: m[1] as string, properties, data: unescape(m[3] as string, false) };
}

describe("--format github", () => {
  it("one command per finding; every property and the message survive the runner's unescaping", () => {
    const lines = formatGithub(NASTY).split("\n").filter(Boolean);
    assert.equal(lines.length, 2, "a newline in a message never starts a second command");
    const first = parseWorkflowCommand(lines[0] as string);
    assert.equal(first.command, "error");
    assert.deepEqual(first.properties, {
      file: "sub dir/a,b:c.Dockerfile",
      line: "3",
      endLine: "4",
      col: "2",
      endColumn: "9",
      title: "shipshape dockerfile/pin-base-image",
    });
    assert.equal(first.data, NASTY[0]?.message);
    assert.equal(parseWorkflowCommand(lines[1] as string).command, "notice", "hints and info are notices");
  });

  it("from the CLI: errors and warnings as ::error and ::warning, paths relative to the working folder", async () => {
    const r = await cli(project(), "lint", "--format", "github", "--failure-threshold", "warning");
    assert.equal(r.code, 1);
    const commands = r.stdout.split("\n").filter(Boolean).map(parseWorkflowCommand);
    assert.ok(commands.some((c) => c.command === "warning" && c.properties.file === "compose.yml" && c.properties.line === "1"));
    assert.ok(commands.some((c) => c.command === "warning" && c.properties.file === "Dockerfile" && c.properties.line === "2"));
    assert.ok(commands.every((c) => ["error", "warning", "notice"].includes(c.command)));
  });
});

describe("--format checkstyle", () => {
  it("parses as XML; file/error structure as Checkstyle consumers read it; text comes back intact", () => {
    const root = parseXml(formatCheckstyle(NASTY, ["sub dir/a,b:c.Dockerfile", "compose.yml", "clean.dockerignore"]));
    assert.equal(root.name, "checkstyle");
    assert.deepEqual(
      root.children.map((f) => [f.name, f.attributes.name, f.children.length]),
      [
        ["file", "sub dir/a,b:c.Dockerfile", 1],
        ["file", "compose.yml", 1],
        ["file", "clean.dockerignore", 0],
      ],
    );
    const error = root.children[0]?.children[0];
    assert.equal(error?.name, "error");
    assert.deepEqual(
      { ...error?.attributes, message: undefined },
      { line: "3", column: "2", severity: "error", source: "dockerfile/pin-base-image", message: undefined },
    );
    // eslint-disable-next-line no-control-regex -- the characters the message carries that XML 1.0 forbids
    const expected = (NASTY[0]?.message ?? "").replace(/[\u0001\u0008\ud800]/g, "\ufffd");
    assert.equal(error?.attributes.message, expected, "only characters XML cannot carry are replaced");
    assert.equal(root.children[1]?.children[0]?.attributes.severity, "info", "hint is info in checkstyle");
  });

  it("from the CLI, with --output-file", async () => {
    const dir = project();
    const r = await cli(dir, "lint", "-f", "checkstyle", "-o", "reports/checkstyle.xml");
    assert.equal(r.stdout, "", "the report goes to the file only");
    const root = parseXml(fs.readFileSync(path.join(dir, "reports/checkstyle.xml"), "utf8"));
    assert.deepEqual(root.children.map((f) => f.attributes.name).sort(), ["Dockerfile", "clean/.dockerignore", "compose.yml"]);
  });
});

describe("--format junit", () => {
  it("parses as XML; a suite per file, a failing case per finding, a passing case for a clean file; counts add up", async () => {
    const r = await cli(project(), "lint", "--format=junit");
    const root = parseXml(r.stdout);
    assert.equal(root.name, "testsuites");
    const suites = root.children;
    assert.deepEqual(suites.map((s) => s.attributes.name).sort(), ["Dockerfile", "clean/.dockerignore", "compose.yml"]);
    let failures = 0;
    let tests = 0;
    for (const s of suites) {
      assert.equal(s.name, "testsuite");
      assert.ok(s.children.every((c) => c.name === "testcase" && c.attributes.classname === s.attributes.name));
      const failed = s.children.filter((c) => c.children.some((x) => x.name === "failure"));
      assert.equal(Number(s.attributes.failures), failed.length);
      assert.equal(Number(s.attributes.tests), s.children.length);
      failures += failed.length;
      tests += s.children.length;
    }
    assert.equal(Number(root.attributes.failures), failures);
    assert.equal(Number(root.attributes.tests), tests);
    const clean = suites.find((s) => s.attributes.name === "clean/.dockerignore");
    assert.deepEqual(
      clean?.children.map((c) => c.children.length),
      [0],
    );
    const failure = suites.find((s) => s.attributes.name === "compose.yml")?.children[0]?.children[0];
    assert.equal(failure?.attributes.type, "warning");
    assert.match(failure?.text ?? "", /^compose\.yml:1:1: warning: .+ \(compose\/no-version-key\)$/);
  });

  it("escapes markup in element text too", () => {
    const root = parseXml(formatJunit(NASTY, ["sub dir/a,b:c.Dockerfile", "compose.yml"]));
    assert.match(root.children[0]?.children[0]?.children[0]?.text ?? "", /100% <bad> & "quoted"/);
  });
});

/**
 * The Code Climate engine spec's issue (type, check_name, description, categories from its fixed list, location
 * with path and lines, severity from its five levels, fingerprint), as GitLab Code Quality documents it: GitLab
 * requires description, check_name, fingerprint, severity, location.path and location.lines.begin.
 */
const ISSUE_SCHEMA = {
  type: "object",
  required: ["type", "check_name", "description", "categories", "location", "severity", "fingerprint"],
  additionalProperties: false,
  properties: {
    type: { const: "issue" },
    check_name: { type: "string", minLength: 1 },
    description: { type: "string", minLength: 1 },
    categories: {
      type: "array",
      minItems: 1,
      items: { enum: ["Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance", "Security", "Style"] },
    },
    location: {
      type: "object",
      required: ["path", "lines"],
      properties: {
        path: { type: "string", minLength: 1, not: { pattern: "^(/|\\./)" } },
        lines: {
          type: "object",
          required: ["begin"],
          properties: { begin: { type: "integer", minimum: 1 }, end: { type: "integer", minimum: 1 } },
        },
      },
    },
    severity: { enum: ["info", "minor", "major", "critical", "blocker"] },
    fingerprint: { type: "string", pattern: "^[0-9a-f]{32}$" },
  },
};

describe("--format gitlab and --format codeclimate", () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const report = ajv.compile({ type: "array", items: ISSUE_SCHEMA });
  const issue = ajv.compile(ISSUE_SCHEMA);

  it("gitlab: one JSON array valid against the Code Quality issue schema, unique fingerprints", async () => {
    const r = await cli(project(), "lint", "--format", "gitlab");
    const parsed: unknown = JSON.parse(r.stdout);
    assert.ok(report(parsed), ajv.errorsText(report.errors));
    const issues = parsed as { fingerprint: string; location: { path: string }; check_name: string; severity: string }[];
    assert.ok(issues.length >= 3);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    assert.ok(issues.some((i) => i.check_name === "compose/no-version-key" && i.location.path === "compose.yml" && i.severity === "major"));
  });

  it("fingerprints are stable between runs and differ for two identical findings on one line", () => {
    const twice = [NASTY[1] as DisplayFinding, NASTY[1] as DisplayFinding];
    const a = JSON.parse(formatGitlab(twice, () => "maintainability")) as { fingerprint: string }[];
    const b = JSON.parse(formatGitlab(twice, () => "maintainability")) as { fingerprint: string }[];
    assert.deepEqual(a, b);
    assert.notEqual(a[0]?.fingerprint, a[1]?.fingerprint);
  });

  it("codeclimate: each issue a JSON document followed by NUL, each valid", async () => {
    const r = await cli(project(), "lint", "--format", "codeclimate");
    assert.ok(r.stdout.endsWith("\u0000"));
    const docs = r.stdout.split("\u0000").slice(0, -1);
    assert.ok(docs.length >= 3);
    for (const d of docs) assert.ok(issue(JSON.parse(d)), ajv.errorsText(issue.errors));
    assert.equal(
      formatCodeClimate([], () => undefined),
      "",
    );
  });
});
