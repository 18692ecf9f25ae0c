import { DockerfileParser, Instruction, type Argument, type Dockerfile } from "dockerfile-ast";
import { objectMemo } from "../memo";

/**
 * One parse per Dockerfile text. dockerfile-ast's parse is most of what every consumer of a Dockerfile pays: the
 * engine's model, dockerfile-utils' validator and each request of dockerfile-language-service (hover, completion,
 * definition, symbols, folding…) parse the whole text again. The parsed tree depends on the text alone and nobody
 * changes it (the engine's model only memoizes answers on it), so the most recent parses are kept, keyed by text,
 * and handed to every caller: a request on an unchanged document, or the validator after the lint, parses nothing.
 *
 * Bounded by entries and characters (a parsed tree is about 9 bytes per character of text).
 */
const MAX_ENTRIES = 8;
const MAX_CHARS = 2_000_000;

const bareParse: (text: string) => Dockerfile = DockerfileParser.parse.bind(DockerfileParser);
const recent = new Map<string, Dockerfile>();
let chars = 0;

/**
 * dockerfile-ast tokenizes an instruction's arguments again on every `getRawArguments()` call, and its parser calls
 * it three to five times per instruction (the JSON-form constructor, the flags, the heredoc scan, each on a first
 * and a second copy of the instruction): most of a parse. The answer depends only on the instruction's text and
 * range, which never change, so for the instructions our parses create the first answer is kept (a copy handed out
 * each time: dockerfile-ast shifts the flags off the array it gets). Other parses in the process are untouched.
 */
const keptArguments = objectMemo<object, Argument[]>("shipshape.rawArguments");
let keeping = false;
const instructionProto = Instruction.prototype as unknown as { getRawArguments(this: object): Argument[] };
const tokenize = instructionProto.getRawArguments;
instructionProto.getRawArguments = function (this: object): Argument[] {
  const kept = keptArguments.get(this);
  if (kept) return kept.slice();
  const args = tokenize.call(this);
  if (!keeping) return args;
  keptArguments.set(this, args);
  return args.slice();
};

function originalParse(text: string): Dockerfile {
  keeping = true;
  try {
    return bareParse(text);
  } finally {
    keeping = false;
  }
}

export function parseDockerfile(text: string): Dockerfile {
  const hit = recent.get(text);
  if (hit) {
    // most recently used last
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  const ast = originalParse(text);
  if (text.length > MAX_CHARS) return ast;
  recent.set(text, ast);
  chars += text.length;
  for (const key of recent.keys()) {
    if (recent.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    recent.delete(key);
    chars -= key.length;
  }
  return ast;
}

/**
 * Makes the libraries that parse Dockerfiles through dockerfile-ast (dockerfile-utils, dockerfile-language-service)
 * share `parseDockerfile`'s trees: they call `DockerfileParser.parse` through the module's namespace object.
 */
export function shareDockerfileParses(): void {
  (DockerfileParser as { parse: (text: string) => Dockerfile }).parse = parseDockerfile;
}

/** Drops every kept tree (tests; memory measurements). */
export function clearDockerfileParses(): void {
  recent.clear();
  chars = 0;
}
