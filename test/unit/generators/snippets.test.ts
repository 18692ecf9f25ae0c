/**
 * Every snippet body, expanded with its defaults (`${1:default}` -> default, `${1|a,b|}` -> a, `$1`/`$0` -> "",
 * variables -> their default or ""), must lint clean with every registered rule, like generated files.
 *
 * Fragments are placed in a host document first (HOSTS below): a Dockerfile fragment goes into a stage that is
 * otherwise clean, a compose service-level fragment (healthcheck, profiles, resource limits) into a service,
 * a services-level fragment (init-service) under `services:`. Whole-file snippets are linted as they are, with
 * the neighbour files they reference (a Dockerfile for `build: .`, the Dagster config for the Dagster services).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateDagster } from "../../../server/src/engine/generators/dagster";
import type { GeneratedFile } from "../../../server/src/engine/generators/files";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { lint } from "../../../server/src/engine/linter";
import { memoryFs } from "../../../server/src/engine/workspace";

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const SNIPPETS = join(__dirname, "..", "..", "..", "snippets");
function load(name: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(SNIPPETS, name), "utf8")) as Record<string, Snippet>;
}

const VARIABLES: Record<string, string> = { TM_FILENAME: "Dockerfile", TM_FILENAME_BASE: "Dockerfile", WORKSPACE_NAME: "myapp" };

/** Expands a snippet body the way VS Code does when every placeholder keeps its default. */
export function expandSnippet(body: string): string {
  let i = 0;
  const parse = (until: string | undefined): string => {
    let out = "";
    while (i < body.length) {
      const c = body[i] as string;
      if (until !== undefined && c === until) return out;
      if (c === "\\" && i + 1 < body.length && "$}\\|,".includes(body[i + 1] as string)) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (c === "$") {
        const simple = /^\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(body.slice(i));
        if (simple) {
          i += simple[0].length;
          out += /^\d/.test(simple[1] as string) ? "" : (VARIABLES[simple[1] as string] ?? "");
          continue;
        }
        const open = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(body.slice(i));
        if (open) {
          i += open[0].length;
          const next = body[i];
          if (next === "}") {
            i++;
            out += /^\d/.test(open[1] as string) ? "" : (VARIABLES[open[1] as string] ?? "");
          } else if (next === ":") {
            i++;
            const inner = parse("}");
            i++;
            out += /^\d/.test(open[1] as string) ? inner : (VARIABLES[open[1] as string] ?? inner);
          } else if (next === "|") {
            const end = body.indexOf("|}", i + 1);
            assert.ok(end > i, "unterminated choice");
            out += (body.slice(i + 1, end).split(",")[0] as string).replace(/\\(.)/g, "$1");
            i = end + 2;
          } else {
            assert.fail(`bad placeholder at ${i}: ${body.slice(i - 5, i + 10)}`);
          }
          continue;
        }
      }
      out += c;
      i++;
    }
    assert.equal(until, undefined, "unterminated placeholder");
    return out;
  };
  return parse(undefined);
}

const indent = (text: string, n: number) =>
  text
    .split("\n")
    .map((l) => (l === "" ? l : " ".repeat(n) + l))
    .join("\n");

const dockerfiles = load("dockerfile.json");
const byPrefix = (store: Record<string, Snippet>, prefix: string) => {
  const s = Object.values(store).find((x) => x.prefix === prefix);
  assert.ok(s, `snippet ${prefix}`);
  return expandSnippet(s.body.join("\n"));
};
const UV = () => byPrefix(dockerfiles, "uv-multistage");
const NONROOT = () => byPrefix(dockerfiles, "nonroot-user");

/** A slim Python stage that is clean except for what the fragment adds. */
const pythonStage = (fragment: string, cmd = '["python", "app.py"]', user = true) =>
  `FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 \\\n    PYTHONDONTWRITEBYTECODE=1\nWORKDIR /app\nCOPY app.py ./\n${fragment}\n${user ? NONROOT() + "\n" : ""}CMD ${cmd}\n`;

type Host = { file: string; wrap: (text: string) => string; files?: Record<string, string> };

const DOCKERFILE_HOSTS: Record<string, Host> = {
  "dev-stage": {
    file: "Dockerfile",
    wrap: (t) => UV().replace("FROM python:3.13-slim AS runtime", `${t}\nFROM python:3.13-slim AS runtime`),
  },
  "nonroot-user": { file: "Dockerfile", wrap: (t) => pythonStage(t, undefined, false) },
  "nonroot-user-alpine": { file: "Dockerfile", wrap: (t) => `FROM alpine:3.22\nWORKDIR /app\nCOPY run.sh ./\n${t}\nCMD ["/app/run.sh"]\n` },
  "healthcheck-http-python": {
    file: "Dockerfile",
    wrap: (t) => pythonStage(`EXPOSE 8000\n${t}`, '["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]'),
  },
  "healthcheck-streamlit": { file: "Dockerfile", wrap: (t) => pythonStage(`EXPOSE 8501\n${t}`, '["streamlit", "run", "app.py"]') },
  "healthcheck-dagster-grpc": {
    file: "Dockerfile",
    wrap: (t) => pythonStage(`EXPOSE 4000\n${t}`, '["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "app.definitions"]'),
  },
  "healthcheck-node": {
    file: "Dockerfile",
    wrap: (t) =>
      `FROM node:22-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY server.js ./\nUSER node\nEXPOSE 3000\n${t}\nCMD ["node", "server.js"]\n`,
  },
  "apt-install": { file: "Dockerfile", wrap: (t) => pythonStage(t) },
  "apt-install-cached": { file: "Dockerfile", wrap: (t) => pythonStage(t) },
  "uv-cache-mount": {
    file: "Dockerfile",
    wrap: (t) =>
      UV().replace(/RUN --mount=type=cache,target=\/root\/\.cache\/uv \\\n {4}uv sync --frozen --no-dev --no-install-project/, t),
  },
};

const service = (image: string, fragment: string, extra = "") =>
  `services:\n  svc:\n    image: ${image}\n${extra}    restart: unless-stopped\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n${indent(fragment, 4)}\n`;
const withHealth = (image: string, fragment: string) =>
  service(image, fragment, '    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30s\n');

const facts = readProjectFacts(
  memoryFs({ "/ws/pyproject.toml": '[project]\nname = "myapp"\nversion = "1.0.0"\ndependencies = ["dagster"]\n', "/ws/uv.lock": "" }),
  "/ws",
);
const files = (generated: GeneratedFile[], skip: string[]) =>
  Object.fromEntries(generated.filter((f) => !skip.includes(f.path)).map((f) => [f.path, f.contents]));
const dagsterNeighbours = files(generateDagster({ ...facts, framework: "dagster", entry: "myapp.definitions" }), [
  "compose.yml",
  "compose.override.yml",
]);

const COMPOSE_HOSTS: Record<string, Host> = {
  "healthcheck-fastapi": { file: "compose.yml", wrap: (t) => service("myapp-api:1.0.0", t) },
  "healthcheck-streamlit": { file: "compose.yml", wrap: (t) => service("myapp-dashboard:1.0.0", t) },
  "healthcheck-airflow-webserver": { file: "compose.yml", wrap: (t) => service("apache/airflow:2.10.5", t) },
  "healthcheck-airflow-scheduler": { file: "compose.yml", wrap: (t) => service("apache/airflow:2.10.5", t) },
  "healthcheck-dagster-grpc": { file: "compose.yml", wrap: (t) => service("myapp-user-code:1.0.0", t) },
  "healthcheck-postgres": { file: "compose.yml", wrap: (t) => service("postgres:17.6-alpine", t) },
  "healthcheck-redis": { file: "compose.yml", wrap: (t) => service("redis:7.4-alpine", t) },
  "healthcheck-opensearch": { file: "compose.yml", wrap: (t) => service("opensearchproject/opensearch:2.19.1", t) },
  "healthcheck-opensearch-dashboards": { file: "compose.yml", wrap: (t) => service("opensearchproject/opensearch-dashboards:2.19.1", t) },
  "init-service": { file: "compose.yml", wrap: (t) => `services:\n${indent(t, 2)}\n` },
  profiles: { file: "compose.yml", wrap: (t) => withHealth("myapp-tools:1.0.0", t) },
  "resource-limits": {
    file: "compose.yml",
    wrap: (t) => `services:\n  svc:\n    image: myapp:1.0.0\n    restart: unless-stopped\n${indent(t, 4)}\n`,
  },
  "secret-file": { file: "compose.yml", wrap: (t) => t, files: { "secrets/postgres_password.txt": "" } },
  "recipe-api": { file: "compose.api.yml", wrap: (t) => t, files: { Dockerfile: "" } },
  "dagster-services": { file: "compose.yml", wrap: (t) => `name: myapp\n\n${t}`, files: dagsterNeighbours },
};

function lintSnippet(fileName: string, text: string, neighbours: Record<string, string> = {}): string[] {
  const root = "/ws";
  const all: Record<string, string> = { [`${root}/${fileName}`]: text };
  for (const [rel, t] of Object.entries(neighbours)) all[`${root}/${rel}`] = t;
  if (fileName === "Dockerfile" || neighbours.Dockerfile !== undefined) all[`${root}/Dockerfile`] ??= UV();
  if (neighbours.Dockerfile === "") all[`${root}/Dockerfile`] = UV();
  all[`${root}/compose.yml`] ??= "services: {}\n";
  const result = lint({ path: `${root}/${fileName}`, text, fs: memoryFs(all) });
  return [
    ...result.findings.filter((f) => f.severity !== "hint").map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`),
    ...result.ruleErrors.map((e) => `${e.ruleId} crashed: ${String(e.error)}`),
  ];
}

function check(store: string, hosts: Record<string, Host>, defaultFile: (prefix: string) => string): void {
  describe(`snippets/${store}`, () => {
    for (const [name, snippet] of Object.entries(load(store))) {
      it(`${snippet.prefix} (${name}) expands and lints clean`, () => {
        assert.ok(snippet.description.length > 10, "has a description");
        const expanded = expandSnippet(snippet.body.join("\n"));
        const host = hosts[snippet.prefix];
        const file = host?.file ?? defaultFile(snippet.prefix);
        const text = host ? host.wrap(expanded) : expanded;
        if (host && file === "Dockerfile") assert.ok(text.includes(expanded.trimEnd()), "the host document contains the fragment");
        const findings = lintSnippet(file, text, host?.files);
        assert.deepEqual(findings, [], `${file}:\n${text}`);
      });
    }
  });
}

check("dockerfile.json", DOCKERFILE_HOSTS, () => "Dockerfile");
check("compose.json", COMPOSE_HOSTS, (prefix) => (prefix.startsWith("recipe-") ? `compose.${prefix.slice(7)}.yml` : "compose.yml"));
check("dockerignore.json", {}, () => ".dockerignore");

describe("snippets/makefile.json", () => {
  for (const [name, snippet] of Object.entries(load("makefile.json"))) {
    it(`${snippet.prefix} (${name}) expands to tab-indented recipes`, () => {
      const expanded = expandSnippet(snippet.body.join("\n"));
      assert.match(expanded, /^\t(docker compose|\$\(COMPOSE\))/m);
      assert.doesNotMatch(expanded, /^ +(docker|\$\()/m, "recipes must be indented with tabs");
    });
  }
});

describe("expandSnippet", () => {
  it("defaults, nesting, choices, escapes and variables", () => {
    assert.equal(expandSnippet("a ${1:x ${2:y}} $0"), "a x y ");
    assert.equal(expandSnippet("${1|slim,hardened|}"), "slim");
    assert.equal(expandSnippet("\\$PATH \\${X} $TM_FILENAME ${UNKNOWN:dflt}"), "$PATH ${X} Dockerfile dflt");
  });
});
