import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dockerfileHover } from "../../../../server/src/engine/hovers/dockerfile";
import { DockerfileModel } from "../../../../server/src/engine/model/dockerfile";

/** Hover at the `|` in `code` (the marker is removed). */
function hoverAt(code: string, fileName = "Dockerfile") {
  const at = code.indexOf("|");
  assert.ok(at >= 0, "mark the cursor with |");
  const text = code.slice(0, at) + code.slice(at + 1);
  const before = text.slice(0, at).split("\n");
  const position = { line: before.length - 1, character: (before[before.length - 1] as string).length };
  return dockerfileHover(new DockerfileModel(`/ws/${fileName}`, text), position);
}

describe("dockerfile hovers", () => {
  it("FROM image in the runtime stage: pinned, slim alternative, hardened alternative, runtime role", () => {
    const h = hoverAt("FROM python:3.13 AS builder\nFROM pyt|hon:3.13\n");
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
    assert.match(h.markdown, /runtime stage/);
    assert.match(h.markdown, /Pinned to tag `3\.13`/);
    assert.match(h.markdown, /python:3\.13-slim/);
    assert.match(h.markdown, /dhi\.io\/python:3\.13-debian13/);
  });

  it("FROM image in a builder stage says it is not shipped, and who uses it", () => {
    const h = hoverAt("FROM pyth|on:3.13 AS builder\nFROM python:3.13-slim\nCOPY --from=builder /app /app\n");
    assert.ok(h);
    assert.match(h.markdown, /builder stage/);
    assert.match(h.markdown, /feeds #1/);
    assert.doesNotMatch(h.markdown, /runtime stage/);
  });

  it("unpinned image links to pin-base-image; slim image facts: no curl", () => {
    const h = hoverAt("FROM pyt|hon\n");
    assert.ok(h);
    assert.match(h.markdown, /Not pinned/);
    assert.match(h.markdown, /dockerfile\/pin-base-image/);
    const slim = hoverAt("FROM python:3.13-sl|im\n");
    assert.match(slim?.markdown ?? "", /no curl/);
  });

  it("hardened runtime image: no shell, non-root by default", () => {
    const h = hoverAt("FROM dhi.io/python:3.13-debian1|3\n");
    assert.ok(h);
    assert.match(h.markdown, /\*\*no shell\*\*/);
    assert.match(h.markdown, /non-root user by default/);
  });

  it("a dev Dockerfile's stage is called a development stage", () => {
    const h = hoverAt("FROM python:3.1|3-slim\n", "Dockerfile.dev");
    assert.match(h?.markdown ?? "", /development Dockerfile/);
  });

  it("COPY --from an image: pinned or not", () => {
    const h = hoverAt("FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:la|test /uv /usr/local/bin/uv\n");
    assert.ok(h);
    assert.match(h.markdown, /Not pinned/);
    assert.match(h.markdown, /uv binary/);
  });

  it("USER: non-root practice; USER root warns", () => {
    assert.match(hoverAt("FROM python:3.13-slim\nUS|ER app\n")?.markdown ?? "", /useradd/);
    assert.match(hoverAt("FROM python:3.13-slim\nUS|ER root\n")?.markdown ?? "", /Switching to root/);
  });

  it("HEALTHCHECK: probes that exist in slim images, with the one we would write for this stage", () => {
    const h = hoverAt(
      'FROM python:3.13-slim\nEXPOSE 8000\nHEALTH|CHECK CMD curl -f http://localhost:8000/health\nCMD ["uvicorn", "app:app"]\n',
    );
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } });
    assert.match(h.markdown, /no `curl`/);
    assert.match(h.markdown, /urllib\.request\.urlopen\('http:\/\/127\.0\.0\.1:8000\/health'/);
  });

  it("RUN apt-get: cleanup or cache mount; RUN uv sync: frozen and cache", () => {
    assert.match(
      hoverAt("FROM debian:trixie-slim\nR|UN apt-get update && apt-get install -y curl\n")?.markdown ?? "",
      /\/var\/lib\/apt\/lists/,
    );
    assert.match(hoverAt("FROM python:3.13-slim\nR|UN uv sync\n")?.markdown ?? "", /--frozen --no-dev/);
  });

  it("COPY . .: manifests first and .dockerignore", () => {
    const h = hoverAt("FROM python:3.13-slim\nCO|PY . .\n");
    assert.match(h?.markdown ?? "", /dependency-manifest-before-source/);
    assert.match(h?.markdown ?? "", /dockerignore/);
  });

  it('CMD: exec form; ENTRYPOINT: exec "$@"', () => {
    assert.match(hoverAt("FROM python:3.13-slim\nC|MD python app.py\n")?.markdown ?? "", /JSON form/);
    assert.match(hoverAt('FROM python:3.13-slim\nENTRY|POINT ["/e.sh"]\n')?.markdown ?? "", /exec "\$@"/);
  });

  it("nothing to add: arguments of plain instructions, comments, empty files", () => {
    assert.equal(hoverAt("FROM python:3.13-slim\nWORKDIR /a|pp\n"), undefined);
    assert.equal(hoverAt("# a comm|ent\nFROM python:3.13-slim\n"), undefined);
    assert.equal(hoverAt("|"), undefined);
    assert.equal(hoverAt("FROM python:3.13-slim\nLAB|EL a=b\n"), undefined);
  });
});
