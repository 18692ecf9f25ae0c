import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { builtForComposeWatch } from "../../../server/src/engine/analysis/composeWatch";
import { lint } from "../../../server/src/engine/linter";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";
import { memoryFs } from "../../../server/src/engine/workspace";

const WATCHED =
  "services:\n  web:\n    build: .\n    develop:\n      watch:\n        - action: sync\n          path: .\n          target: /app\n";

describe("builtForComposeWatch and the run's compose parses", () => {
  it("reads the compose file through the cache and leaves its parse there for the compose lint", () => {
    const fs = memoryFs({ "/p/Dockerfile": "FROM python:3.13-slim\n", "/p/compose.yml": WATCHED });
    const cache = new Map<string, ComposeFileModel>();
    assert.equal(builtForComposeWatch("/p/Dockerfile", fs, cache), true);
    const parsed = cache.get("/p/compose.yml");
    assert.ok(parsed);
    const result = lint({ path: "/p/compose.yml", text: WATCHED, fs, composeCache: cache });
    assert.equal(result.model, parsed, "the compose lint reuses the parse");
  });
  it("parses again when the cached text is not the file's text", () => {
    const fs = memoryFs({ "/p/Dockerfile": "FROM python:3.13-slim\n", "/p/compose.yml": WATCHED });
    const stale = new ComposeFileModel("/p/compose.yml", "services:\n  web:\n    build: .\n");
    const cache = new Map([["/p/compose.yml", stale]]);
    assert.equal(builtForComposeWatch("/p/Dockerfile", fs, cache), true);
    assert.notEqual(cache.get("/p/compose.yml"), stale);
  });
  it("the same answer without a cache", () => {
    const fs = memoryFs({ "/p/Dockerfile": "FROM python:3.13-slim\n", "/p/compose.yml": WATCHED });
    assert.equal(builtForComposeWatch("/p/Dockerfile", fs), true);
    assert.equal(builtForComposeWatch("/q/Dockerfile", fs), false);
  });
});
