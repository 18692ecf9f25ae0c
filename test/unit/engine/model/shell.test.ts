/** The shell reader's words: quotes and escapes removed, substitutions kept as written, offsets of the word as written. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseShell } from "../../../../server/src/engine/model/shell";
import { joinPosix } from "../../../../server/src/engine/analysis/dockerfileFacts";

const values = (text: string, escape?: string) => parseShell(text, { escape }).map((c) => c.words.map((w) => w.value));

describe("model/shell parseShell", () => {
  it("removes quotes and escapes from a word, whatever mixes them", () => {
    assert.deepEqual(values(`echo a'b c'd "e \\" \\$f \\x" g\\ h`), [["echo", "ab cd", 'e " $f \\x', "g h"]]);
    assert.deepEqual(values(`pip install "fastapi[all]==0.1" 'uv'`), [["pip", "install", "fastapi[all]==0.1", "uv"]]);
  });

  it("joins a word across a line continuation and keeps a command substitution as written", () => {
    assert.deepEqual(values("apt-get ins\\\ntall -y\\\r\n pkg && v=$(cat /x | wc -l)x"), [["apt-get", "install", "-y", "pkg"], []]);
    const [, second] = parseShell("a && v=$(cat /x | wc -l)x");
    assert.deepEqual(
      second?.assignments.map((w) => w.value),
      ["v=$(cat /x | wc -l)x"],
    );
    assert.deepEqual(values("echo a`\nb", "`"), [["echo", "ab"]]);
  });

  it("marks an unclosed quote or substitution, and gives the word's offsets as written", () => {
    const [c] = parseShell(`x "ab cd`, { offset: 10 });
    assert.deepEqual(
      c?.words.map((w) => [w.value, w.start, w.end, w.quoted, w.unterminated]),
      [
        ["x", 10, 11, false, undefined],
        ["ab cd", 12, 18, true, true],
      ],
    );
    assert.equal(parseShell("echo $(date")[0]?.words[1]?.unterminated, true);
    assert.equal("unterminated" in (parseShell("echo 'a'")[0]?.words[1] ?? {}), false);
  });
});

describe("analysis/dockerfileFacts joinPosix", () => {
  it("joins clean paths as written and normalises the rest", () => {
    assert.equal(joinPosix("/app", "src/main.py"), "/app/src/main.py");
    assert.equal(joinPosix("/", "app"), "/app");
    assert.equal(joinPosix("/app", "/srv/x"), "/srv/x");
    assert.equal(joinPosix("/app", "./src/"), "/app/src");
    assert.equal(joinPosix("/app/", "../x"), "/x");
    assert.equal(joinPosix("/app", '"/quoted dir/"'), "/quoted dir");
    assert.equal(joinPosix("app", "x"), "/app/x");
    assert.equal(joinPosix("/a", ""), "/a");
    assert.equal(joinPosix("/a", ".hidden/..x"), "/a/.hidden/..x");
  });
});
