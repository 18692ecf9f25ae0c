/**
 * The injection grammars in syntaxes/, run by the same TextMate engine VS Code uses (vscode-textmate with
 * oniguruma). The host grammars here are minimal stand-ins written for the test (a Dockerfile grammar that
 * marks instruction keywords and `#` comments, a YAML grammar whose comments and plain values are
 * begin/end scopes like VS Code's, and a shell grammar that marks `echo`), so only our injections are
 * under test.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from "vscode-textmate";

const ROOT = join(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[] };
};

const STAND_INS: Record<string, object> = {
  "source.dockerfile": {
    scopeName: "source.dockerfile",
    patterns: [
      { match: "^\\s*(?i:(RUN|FROM|COPY))\\s", captures: { 1: { name: "keyword.other.special-method.dockerfile" } } },
      { match: "^(\\s*)((#).*$\\n?)", captures: { 2: { name: "comment.line.number-sign.dockerfile" } } },
    ],
  },
  "source.yaml": {
    scopeName: "source.yaml",
    patterns: [
      { begin: "(?<=[\\t ]|^)#", end: "$", name: "comment.line.number-sign.yaml" },
      { match: "^\\s*[A-Za-z_][\\w.-]*(?=:)", name: "entity.name.tag.yaml" },
      { begin: '"', end: '"', name: "string.quoted.double.yaml" },
      { begin: '(?<=: )(?=[^\\s#"])', end: "(?=\\s#)|$", name: "string.unquoted.plain.out.yaml" },
    ],
  },
  "source.shell": { scopeName: "source.shell", patterns: [{ match: "\\becho\\b", name: "support.function.builtin.shell" }] },
};

async function registry(): Promise<Registry> {
  const wasm = readFileSync(join(ROOT, "node_modules/vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const ours = new Map(pkg.contributes.grammars.map((g) => [g.scopeName, g]));
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
      const mine = ours.get(scopeName);
      if (mine) return parseRawGrammar(readFileSync(join(ROOT, mine.path), "utf8"), join(ROOT, mine.path));
      const stand = STAND_INS[scopeName];
      return stand ? parseRawGrammar(JSON.stringify(stand), `${scopeName}.json`) : null;
    },
    getInjections: (scopeName: string) => pkg.contributes.grammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
}

/** [text, scopes] of every token, line by line. */
function tokens(grammar: IGrammar, text: string): [string, string][][] {
  let state = INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes.join(" ")]);
  });
}
const scopeOf = (lines: [string, string][][], line: number, text: string) => lines[line]?.find(([t]) => t === text)?.[1] ?? "";

describe("TextMate injection grammars", () => {
  it("every contributed grammar file exists and is valid JSON with its scope name", () => {
    assert.ok(pkg.contributes.grammars.length >= 3);
    for (const g of pkg.contributes.grammars) {
      const raw = JSON.parse(readFileSync(join(ROOT, g.path), "utf8")) as { scopeName: string; injectionSelector?: string };
      assert.equal(raw.scopeName, g.scopeName);
      if (g.language) assert.equal(raw.injectionSelector, undefined, `${g.path} is a language grammar`);
      else assert.ok(raw.injectionSelector, `${g.path} is an injection`);
    }
  });

  it(".dockerignore: comments, negation, wildcards and character classes have their scopes", async () => {
    const grammar = (await (await registry()).loadGrammar("source.dockerignore")) as IGrammar;
    const lines = tokens(grammar, "# local files\n!README.md\n**/*.pyc\nbuild/[ab]?\nnode_modules\n");
    assert.match(scopeOf(lines, 0, " local files"), /comment\.line\.number-sign\.dockerignore/);
    assert.match(scopeOf(lines, 1, "!"), /keyword\.operator\.negation\.dockerignore/);
    assert.match(scopeOf(lines, 2, "**"), /keyword\.operator\.glob\.recursive/);
    assert.match(scopeOf(lines, 2, "*"), /keyword\.operator\.glob\.wildcard/);
    assert.match(scopeOf(lines, 3, "ab"), /constant\.other\.character-class/);
    assert.match(scopeOf(lines, 4, "node_modules"), /string\.unquoted\.path/);
    assert.doesNotMatch(scopeOf(lines, 4, "node_modules"), /negation|comment/);
  });

  it("Dockerfile: a RUN heredoc body is shell until its terminator; other heredocs and lines are not", async () => {
    const grammar = (await (await registry()).loadGrammar("source.dockerfile")) as IGrammar;
    const lines = tokens(
      grammar,
      "FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\nRUN echo plain\nCOPY <<CONF /etc/x.conf\necho not-shell\nCONF\n",
    );
    assert.match(scopeOf(lines, 2, "echo"), /meta\.embedded\.block\.shell.*support\.function\.builtin\.shell/);
    assert.match(scopeOf(lines, 1, "<<"), /keyword\.operator\.heredoc\.shell/);
    assert.match(scopeOf(lines, 3, "EOF"), /keyword\.control\.heredoc-token\.shell/);
    assert.doesNotMatch(lines[4]?.map(([, s]) => s).join("|") ?? "", /embedded/, "the body ended at EOF");
    assert.doesNotMatch(lines[6]?.map(([, s]) => s).join("|") ?? "", /embedded/, "COPY heredocs are file contents, not shell");
    const flagged = tokens(grammar, "RUN --mount=type=cache,target=/root/.cache bash -e <<-'SCRIPT'\necho in\n\tSCRIPT\nRUN echo after\n");
    assert.match(scopeOf(flagged, 1, "echo"), /meta\.embedded\.block\.shell/);
    assert.doesNotMatch(flagged[3]?.map(([, s]) => s).join("|") ?? "", /embedded/);
  });

  it("Dockerfile: suppression comments mark their directive and rule ids; ordinary comments do not", async () => {
    const grammar = (await (await registry()).loadGrammar("source.dockerfile")) as IGrammar;
    const lines = tokens(
      grammar,
      "# shipshape-ignore dockerfile/pin-base-image\n# hadolint ignore=DL3008\n# check=skip=JSONArgsRecommended\n# just a note\n",
    );
    assert.match(scopeOf(lines, 0, "shipshape-ignore"), /comment\.line.*keyword\.control\.directive\.suppression\.shipshape/);
    assert.match(scopeOf(lines, 0, " dockerfile/pin-base-image"), /constant\.other\.rule-id\.shipshape/);
    assert.match(scopeOf(lines, 1, "hadolint ignore="), /suppression/);
    assert.match(scopeOf(lines, 2, "check=skip="), /suppression/);
    assert.doesNotMatch(lines[3]?.map(([, s]) => s).join("|") ?? "", /suppression/);
  });

  it("compose: ${VAR}, ${VAR:-default}, $VAR and $$ inside values; suppression comments in YAML", async () => {
    const grammar = (await (await registry()).loadGrammar("source.yaml")) as IGrammar;
    const lines = tokens(
      grammar,
      'image: app:${TAG:-1.2}\ncommand: "echo $$HOME $USER"\nname: plain # shipshape-ignore compose/pin-image\n# ${NOT} in a comment\n',
    );
    assert.match(scopeOf(lines, 0, "TAG"), /string\.unquoted\.plain\.out\.yaml.*variable\.other\.env\.shipshape/);
    assert.match(scopeOf(lines, 0, ":-"), /keyword\.operator\.interpolation\.shipshape/);
    assert.match(scopeOf(lines, 0, "1.2"), /default-value/);
    assert.match(scopeOf(lines, 1, "$$"), /constant\.character\.escape\.dollar\.shipshape/);
    assert.match(scopeOf(lines, 1, "USER"), /variable\.other\.env\.shipshape/);
    assert.doesNotMatch(scopeOf(lines, 1, "HOME"), /variable/, "$$HOME is a literal $HOME");
    assert.match(scopeOf(lines, 2, "shipshape-ignore"), /comment\.line\.number-sign\.yaml.*suppression/);
    assert.doesNotMatch(lines[3]?.map(([, s]) => s).join("|") ?? "", /variable\.other\.env/, "not in comments");
  });
});
