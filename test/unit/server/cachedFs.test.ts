import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CachedFs, type FileSource } from "../../../server/src/services/cachedFs";

/** A source over a map of files that counts its calls (folders are implied by the paths). */
function source(files: Record<string, string>): FileSource & { calls: string[] } {
  const calls: string[] = [];
  const isDir = (p: string) => Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    calls,
    readFile: async (p) => (calls.push(`read ${p}`), files[p]),
    stat: async (p) => (calls.push(`stat ${p}`), files[p] !== undefined ? "file" : isDir(p) ? "directory" : undefined),
    readDir: async (p) => {
      calls.push(`dir ${p}`);
      const names = Object.keys(files)
        .filter((f) => f.startsWith(`${p}/`))
        .map((f) => f.slice(p.length + 1).split("/")[0] as string);
      return names.length ? [...new Set(names)] : undefined;
    },
  };
}

describe("CachedFs (the browser server's file system)", () => {
  it("answers 'absent' until a read is fetched, then the file; settle() waits for the fetches", async () => {
    const fs = new CachedFs(source({ "/p/.env": "A=1\n", "/p/sub/x": "" }));
    assert.equal(fs.readFile("/p/.env"), undefined);
    assert.equal(fs.exists("/p/sub"), false);
    assert.deepEqual(fs.readDir("/p"), []);
    assert.equal(fs.pending, true);
    await fs.settle();
    assert.equal(fs.pending, false);
    assert.equal(fs.readFile("/p/.env"), "A=1\n");
    assert.equal(fs.exists("/p/.env"), true);
    assert.equal(fs.isDirectory("/p/sub"), true);
    assert.deepEqual(fs.readDir("/p").sort(), [".env", "sub"]);
    assert.equal(fs.readFile("/p/missing"), undefined);
    await fs.settle();
    assert.equal(fs.readFile("/p/missing"), undefined, "a missing file stays missing");
    assert.equal(fs.pending, false, "and is not fetched again");
  });

  it("forget() fetches a changed file again, and its folder's listing", async () => {
    const files: Record<string, string> = { "/p/a": "1" };
    const src = source(files);
    const fs = new CachedFs(src);
    fs.readFile("/p/a");
    fs.readDir("/p");
    await fs.settle();
    files["/p/a"] = "2";
    files["/p/b"] = "";
    assert.equal(fs.readFile("/p/a"), "1");
    fs.forget("/p/b");
    fs.forget("/p/a");
    assert.equal(fs.readFile("/p/a"), undefined);
    assert.deepEqual(fs.readDir("/p"), []);
    await fs.settle();
    assert.equal(fs.readFile("/p/a"), "2");
    assert.deepEqual(fs.readDir("/p").sort(), ["a", "b"]);
  });

  it("is bounded: at most maxInFlight fetches at once and maxEntries answers kept; a failing source reads as absent", async () => {
    let running = 0;
    let most = 0;
    const slow: FileSource = {
      readFile: async (p) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
        if (p.endsWith("bad")) throw new Error("unreadable");
        return p;
      },
      stat: async () => undefined,
      readDir: async () => undefined,
    };
    const fs = new CachedFs(slow, { maxEntries: 10, maxInFlight: 3 });
    for (let i = 0; i < 40; i++) fs.readFile(`/f${i}`);
    fs.readFile("/bad");
    await fs.settle();
    assert.equal(most, 3);
    assert.equal(fs.readFile("/bad"), undefined);
    // the newest answers are kept; the oldest were dropped (and are fetched again when read)
    assert.equal(fs.readFile("/f39"), "/f39");
    assert.equal(fs.readFile("/f0"), undefined);
    assert.equal(fs.pending, true);
    await fs.settle();
    assert.equal(fs.readFile("/f0"), "/f0");
  });
});
