import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cacheFolders, imageStateAt, type ImageState } from "../../../../server/src/engine/analysis/dockerfileFacts";
import { BASE_IMAGES, baseImageEntry, userImageEntries } from "../../../../server/src/engine/knowledge/baseImages";
import { imageFacts } from "../../../../server/src/engine/knowledge/images";
import { DockerfileModel } from "../../../../server/src/engine/model/dockerfile";
import { parseImageRef } from "../../../../server/src/engine/model/imageRef";

/** State at the end of the last stage, or before the first instruction whose text contains `marker`. */
function state(text: string, marker?: string, table = ""): ImageState {
  const model = new DockerfileModel("/ws/Dockerfile", text);
  if (table) model.imageTable = userImageEntries(JSON.parse(table) as Record<string, unknown>);
  const stage = model.finalStage;
  assert.ok(stage);
  if (marker === undefined) return imageStateAt(model, stage);
  const ins = model.instructions.find((i) =>
    model.text.slice(model.lines.offsetAt(i.range.start), model.lines.offsetAt(i.range.end)).includes(marker),
  );
  assert.ok(ins, `no instruction with ${marker}`);
  return imageStateAt(model, ins.stage ?? stage, ins);
}

describe("knowledge table", () => {
  const facts = (ref: string) => imageFacts(parseImageRef(ref)).known;
  it("every entry names its source", () => {
    for (const e of BASE_IMAGES) assert.ok(/^https:\/\//.test(e.source), `${e.label}: ${e.source}`);
  });
  it("python variants", () => {
    assert.deepEqual([facts("python:3.13").curl, facts("python:3.13").wget], [true, "gnu"]);
    assert.deepEqual([facts("python:3.13-slim").curl, facts("python:3.13-slim").wget], [false, "none"]);
    assert.deepEqual(
      [facts("python:3.13-alpine").curl, facts("python:3.13-alpine").wget, facts("python:3.13-alpine").libc],
      [false, "busybox", "musl"],
    );
    assert.equal(facts("python:3.13-slim-bookworm").packageManager, "apt");
    assert.equal(facts("docker.io/library/python:3.13-slim").curl, false);
  });
  it("nginx: alpine ships curl, alpine-slim does not", () => {
    assert.equal(facts("nginx:1.27-alpine").curl, true);
    assert.equal(facts("nginx:alpine").curl, true);
    assert.equal(facts("nginx:1.27-alpine-slim").curl, false);
    assert.equal(facts("nginx:1.27").curl, true);
  });
  it("default users", () => {
    assert.equal(facts("jenkins/jenkins:lts").user, "jenkins");
    assert.equal(facts("nginxinc/nginx-unprivileged:1.27-alpine").user, "101");
    assert.equal(facts("gcr.io/distroless/static-debian12:nonroot").user, "nonroot");
    assert.equal(facts("gcr.io/distroless/static-debian12").user, "root");
    assert.equal(facts("dhi.io/python:3.13-debian13").user, "nonroot");
    assert.equal(facts("dhi.io/python:3.13-debian13-dev").user, "root");
    assert.equal(facts("cgr.dev/chainguard/python:latest").user, "nonroot");
    assert.equal(facts("bitnami/postgresql:16").user, "1001");
    assert.equal(facts("python:3.13").user, "root");
    assert.equal(facts("ghcr.io/acme/base:1").user, undefined, "unknown images have an unknown user");
  });
  it("shells and package managers", () => {
    assert.equal(facts("dhi.io/node:22").shell, false);
    assert.equal(facts("gcr.io/distroless/base:debug").shell, true);
    assert.equal(facts("ghcr.io/astral-sh/uv:0.8").shell, false);
    assert.equal(facts("ghcr.io/astral-sh/uv:0.8-python3.12-bookworm-slim").shell, true);
    assert.equal(facts("registry.access.redhat.com/ubi9/ubi-minimal:9.5").packageManager, "microdnf");
    assert.equal(facts("registry.access.redhat.com/ubi9/ubi:9.5").packageManager, "dnf");
    assert.equal(facts("busybox:1.37").wget, "busybox");
  });
  it("Docker Hardened Images: runtime variants carry their runtime without its installer; -dev variants the distribution's package manager", () => {
    const py = facts("dhi.io/python:3.13-debian13");
    assert.deepEqual([py.runtime, py.installer, py.libc, py.shell, py.user], ["python", false, "glibc", false, "nonroot"]);
    const pyDev = facts("dhi.io/python:3.13-debian13-dev");
    assert.deepEqual([pyDev.runtime, pyDev.installer, pyDev.packageManager, pyDev.buildTools], ["python", undefined, "apt", true]);
    assert.deepEqual(
      [facts("dhi.io/python:3.13-alpine3.22-dev").packageManager, facts("dhi.io/python:3.13-alpine3.22").libc],
      ["apk", "musl"],
    );
    assert.equal(facts("dhi/python:3.13").runtime, "python");
    assert.deepEqual([facts("dhi.io/node:22-debian13").runtime, facts("dhi.io/node:22-debian13").installer], ["node", false]);
    assert.equal(facts("dhi.io/node:22-debian13-dev").installer, undefined);
    assert.equal(facts("dhi.io/postgres:17-alpine3.22").runtime, "postgres");
    // the model: python on PATH in both, pip only in the -dev variant
    assert.deepEqual(
      [state("FROM dhi.io/python:3.13-debian13\n").has("python"), state("FROM dhi.io/python:3.13-debian13\n").has("pip")],
      [true, false],
    );
    assert.equal(state("FROM dhi.io/python:3.13-debian13-dev\n").has("pip"), true);
    assert.deepEqual([state("FROM dhi.io/node:22\n").has("node"), state("FROM dhi.io/node:22\n").has("npm")], [true, false]);
  });
  it("unknown images stay unknown", () => {
    const f = imageFacts(parseImageRef("ghcr.io/acme/tools:bookworm"));
    assert.equal(f.source, undefined);
    assert.equal(f.known.curl, undefined);
  });
  it("user entries win and drop wrongly typed values", () => {
    const extra = userImageEntries({ "registry.example.com/base/python": { user: "app", curl: "yes", wget: "busybox" } });
    const e = baseImageEntry(parseImageRef("registry.example.com/base/python:3.13"), extra);
    assert.equal(e?.facts.user, "app");
    assert.equal(e?.facts.curl, undefined);
    assert.equal(e?.facts.wget, "busybox");
    assert.equal(baseImageEntry(parseImageRef("registry.example.com/other:1"), extra), undefined);
  });
});

describe("image model", () => {
  it("user: from the known base, a USER, a parent stage, unknown for unknown bases", () => {
    assert.equal(state("FROM python:3.13-slim\n").user, "root");
    assert.equal(state("FROM jenkins/jenkins:lts\nRUN echo\n").user, "jenkins");
    assert.equal(state("FROM python:3.13-slim\nUSER app\n").user, "app");
    assert.equal(state("FROM python:3.13-slim AS base\nUSER app\nFROM base\nRUN x\n").user, "app");
    assert.equal(state("FROM ghcr.io/acme/base:1\n").user, undefined);
    assert.equal(state("FROM python:3.13-slim\nENV APP_UID=1000\nUSER $APP_UID\n").user, "1000");
  });
  it("user before an instruction", () => {
    assert.equal(state("FROM python:3.13-slim\nRUN a\nUSER app\nRUN b\n", "RUN a").user, "root");
    assert.equal(state("FROM python:3.13-slim\nRUN a\nUSER app\nRUN b\n", "RUN b").user, "app");
  });
  it("ARG-parameterised base: facts of the default, marked as such", () => {
    const s = state("ARG BASE=python:3.13-slim\nFROM ${BASE}\n");
    assert.equal(s.base.known.curl, false);
    assert.equal(s.baseFromArg, true);
    assert.equal(state("FROM python:3.13-slim\n").baseFromArg, false);
    assert.equal(state("ARG BASE\nFROM $BASE\n").base.source, undefined);
  });
  it("tools: base, installed, removed in the same RUN", () => {
    assert.equal(state("FROM python:3.13-slim\n").has("curl"), false);
    assert.equal(state("FROM python:3.13-slim\nRUN apt-get update && apt-get install -y curl\n").has("curl"), true);
    assert.equal(state("FROM python:3.13-slim\nRUN apt-get install -y curl && apt-get purge -y curl\n").has("curl"), false);
    assert.equal(state("FROM ghcr.io/acme/base:1\n").has("curl"), undefined);
    assert.equal(state("FROM python:3.13\n").has("python"), true);
  });
  it("tools written into a bin folder are on PATH: a step-down tool downloaded, or installed as a package", () => {
    assert.equal(
      state("FROM alpine:3.22\nRUN wget -O /usr/local/bin/gosu https://example.com/gosu && chmod +x /usr/local/bin/gosu\n").has("gosu"),
      true,
    );
    assert.equal(state("FROM alpine:3.22\nRUN apk add --no-cache su-exec\n").has("su-exec"), true);
    assert.equal(state("FROM debian:bookworm-slim\nRUN apt-get install -y gosu\nRUN apt-get purge -y gosu\n").has("gosu"), false);
    // mentioned, not written: unknown
    assert.equal(state("FROM alpine:3.22\nRUN rm -f /usr/local/bin/gosu\n").has("gosu"), undefined);
  });
  it("a quoted, ARG-parameterised base is read after quote removal", () => {
    const s = state('ARG ALPINE_TAG=3.22.1\nFROM alpine:"${ALPINE_TAG}"\n');
    assert.equal(s.base.family, "alpine");
    assert.equal(s.wget, "busybox");
  });
  it("wget kind: BusyBox on Alpine, GNU once installed", () => {
    assert.equal(state("FROM alpine:3.22\n").wget, "busybox");
    assert.equal(state("FROM alpine:3.22\nRUN apk add --no-cache wget\n").wget, "gnu");
    assert.equal(state("FROM python:3.13-slim\n").wget, "none");
    assert.equal(state("FROM python:3.13\n").wget, "gnu");
    assert.equal(state("FROM ghcr.io/acme/base:1\n").wget, undefined);
  });
  it("shell: present, absent in distroless, removed by rm", () => {
    assert.equal(state("FROM python:3.13-slim\n").shell, true);
    assert.equal(state("FROM gcr.io/distroless/python3-debian12\n").shell, false);
    assert.equal(state("FROM python:3.13-slim\nRUN rm -f /bin/sh\n").shell, false);
  });
  it("env: base ENV, ENV, ARG defaults; expansion says when an ARG was involved", () => {
    const s = state("FROM python:3.13-slim\nARG APP=/srv/app/\nENV HOME_DIR=/opt/dagster/\nRUN x\n");
    assert.equal(s.env.get("LANG"), "C.UTF-8");
    assert.deepEqual(s.expand("$HOME_DIR"), { value: "/opt/dagster/", certain: true });
    assert.deepEqual(s.expand("${APP}"), { value: "/srv/app/", certain: false });
    assert.equal(s.expand("$NOPE"), undefined);
    assert.equal(state("ARG V=1\nFROM python:3.13-slim\nRUN x\n").env.get("V"), undefined, "a global ARG is not in scope until redeclared");
    assert.equal(state("ARG V=1\nFROM python:3.13-slim\nARG V\nRUN x\n").env.get("V"), "1");
    assert.equal(
      state("FROM python:3.13-slim AS a\nARG X=1\nFROM a\nRUN x\n").env.get("X"),
      undefined,
      "ARG does not carry into a child stage",
    );
  });
  it("files: COPY, COPY --from, well-known outputs", () => {
    const s = state(
      "FROM python:3.13-slim AS build\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\nRUN pip install --target /deps x\n" +
        "FROM node:22 AS web\nWORKDIR /web\nRUN npm ci && npm run build\nRUN go build -o /out/server ./cmd\n" +
        "FROM python:3.13-slim\nCOPY --from=build /app /app\nCOPY --from=web /web/dist /static\n",
    );
    assert.ok(s.files.has("/app/.venv"), [...s.files].join(" "));
    assert.ok(s.files.has("/app/pyproject.toml"));
    assert.ok(s.files.has("/static"));
    assert.ok(!s.files.has("/deps"));
    const b = state(
      "FROM python:3.13-slim\nWORKDIR /app\nRUN uv sync\nRUN pip install --target /deps x\nRUN poetry build\nRUN go build -o bin/app .\n",
    );
    for (const f of ["/app/.venv", "/deps", "/app/dist", "/app/bin/app"]) assert.ok(b.files.has(f), f);
    assert.ok(state("FROM node:22\nWORKDIR /w\nRUN npm ci\n").files.has("/w/node_modules"));
    assert.ok(state("FROM python:3.13\nENV UV_PROJECT_ENVIRONMENT=/venv\nRUN uv sync\n").files.has("/venv"));
  });
  it("COPY --from: a relative source is resolved against the source stage's root, not its WORKDIR (as BuildKit does)", () => {
    const text = (src: string) =>
      `FROM python:3.13-slim AS build\nWORKDIR /app\nRUN mkdir -p venv/bin\nFROM python:3.13-slim\nCOPY --from=build ${src} /dst\n`;
    // the build stage made /app/venv/bin: `venv` and `./venv` name /venv there, which it never made
    assert.ok(!state(text("venv")).files.has("/dst/bin"));
    assert.ok(!state(text("./venv")).files.has("/dst/bin"));
    for (const src of ["app/venv", "/app/venv", "./app/venv/"]) assert.ok(state(text(src)).files.has("/dst/bin"), src);
  });
  it("workdir and ports", () => {
    const s = state("FROM nginx:1.27\nWORKDIR /usr/share\nWORKDIR nginx\nEXPOSE 8080/tcp\n");
    assert.equal(s.workdir, "/usr/share/nginx");
    assert.deepEqual(s.ports, [80, 8080]);
  });
  it("cache folders honour the environment and the user", () => {
    assert.deepEqual(cacheFolders(state("FROM python:3.13-slim\n"), "pip"), ["/root/.cache/pip"]);
    assert.deepEqual(cacheFolders(state("FROM python:3.13-slim\nENV PIP_CACHE_DIR=/tmp/pip\n"), "pip"), ["/tmp/pip"]);
    assert.deepEqual(cacheFolders(state("FROM python:3.13-slim\nENV UV_CACHE_DIR=/uvc\n"), "uv"), ["/uvc"]);
    assert.deepEqual(cacheFolders(state("FROM python:3.13-slim\nUSER app\n"), "poetry"), ["/home/app/.cache/pypoetry"]);
    assert.deepEqual(cacheFolders(state("FROM node:22\nENV npm_config_cache=/npmc\n"), "npm"), ["/npmc"]);
    assert.deepEqual(cacheFolders(state("FROM registry.access.redhat.com/ubi9/ubi-minimal\n"), "microdnf"), ["/var/cache/yum"]);
  });
  it("a user-described base from .shipshape.json", () => {
    const s = state("FROM registry.example.com/base/py:1\n", undefined, '{"registry.example.com/base/py": {"user": "app", "curl": false}}');
    assert.equal(s.user, "app");
    assert.equal(s.has("curl"), false);
  });
  it("stays linear on a long chain of stages copying from each other", () => {
    let text = "FROM alpine:3.22 AS s0\n";
    for (let i = 1; i < 3000; i++) text += `FROM s${i - 1} AS s${i}\nCOPY --from=s${i - 1} /a /a${i}\n`;
    const model = new DockerfileModel("/ws/Dockerfile", text);
    const started = Date.now();
    assert.equal(imageStateAt(model, model.finalStage as NonNullable<typeof model.finalStage>).user, "root");
    assert.ok(Date.now() - started < 4000, `${Date.now() - started} ms`);
  });
});
