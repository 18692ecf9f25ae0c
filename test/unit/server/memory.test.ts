import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getHeapStatistics } from "node:v8";
import { releaseIdleMemory } from "../../../server/src/node/memory";

describe("releaseIdleMemory: the Node server's idle collection", () => {
  it("collects once the heap grew by more than its threshold, then not again until it grows again", () => {
    // grow the heap by ~40 MB of live data, then drop it
    let held: number[][] | undefined = Array.from({ length: 40 }, () => new Array<number>(128 * 1024).fill(1.5));
    assert.ok(held.length === 40);
    held = undefined;
    const usedBefore = getHeapStatistics().used_heap_size;
    assert.equal(releaseIdleMemory(), true, "the heap grew: it collects");
    const freed = usedBefore - getHeapStatistics().used_heap_size;
    assert.ok(freed > 30 * 1024 * 1024, `the dropped ~40 MB are gone (freed ${Math.round(freed / 1048576)} MB)`);
    assert.equal(releaseIdleMemory(), false, "nothing grew since: no second collection");
  });
});
