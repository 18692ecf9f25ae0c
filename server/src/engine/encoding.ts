import { basename } from "./paths";
import type { FileKind, Finding } from "./types";

/**
 * Files that Docker and Compose cannot read because of their encoding. Docker reads a Dockerfile, a
 * `.dockerignore`, a compose file and a `.env` file as UTF-8 bytes; a file saved as UTF-16 (Windows
 * PowerShell's `echo … > Dockerfile`, some editors) makes `docker build` fail with "unknown instruction" and
 * `docker compose` fail to parse it.
 *
 * The check works on the file read as UTF-8 (what the CLI and the server's disk reads give): UTF-16 text then
 * shows as two U+FFFD for a byte-order mark and a NUL next to every ASCII character.
 */
export const ENCODING_RULE_ID = "shipshape/file-encoding";

export interface Utf16Signature {
  /** `UTF-16LE` or `UTF-16BE`. */
  encoding: "UTF-16LE" | "UTF-16BE";
  bom: boolean;
}

const SAMPLE = 4096;

/** Whether text read as UTF-8 is really UTF-16 (with or without a byte-order mark), and which. */
export function utf16Signature(textReadAsUtf8: string): Utf16Signature | undefined {
  const bom = textReadAsUtf8.startsWith("\uFFFD\uFFFD");
  const body = textReadAsUtf8.slice(bom ? 2 : 0, (bom ? 2 : 0) + SAMPLE);
  if (body.length < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = Math.floor(body.length / 2);
  // ASCII text in UTF-16: a NUL in (nearly) every pair, always on the same side
  if (odd >= pairs * 0.6 && even <= pairs * 0.1) return { encoding: "UTF-16LE", bom };
  if (even >= pairs * 0.6 && odd <= pairs * 0.1) return { encoding: "UTF-16BE", bom };
  return undefined;
}

/** The encoding in words: `UTF-16 (little-endian, with a byte-order mark)`. */
export function describeUtf16(sig: Utf16Signature): string {
  return `UTF-16 (${sig.encoding === "UTF-16LE" ? "little" : "big"}-endian, ${sig.bom ? "with" : "without"} a byte-order mark)`;
}

const CONSEQUENCE: Record<FileKind | "env", string> = {
  dockerfile: "`docker build` reads Dockerfiles as UTF-8 and fails on it (unknown instruction)",
  compose: "`docker compose` reads compose files as UTF-8 and cannot parse it",
  dockerignore: "Docker reads .dockerignore as UTF-8, so none of its patterns match and every file goes into the build context",
  env: "`docker compose` reads it as UTF-8 and fails on it",
};

const HOW_TO_SAVE =
  "Save it as UTF-8: in VS Code, click the encoding in the status bar, choose Save with Encoding, then UTF-8; in PowerShell, write files with `Set-Content -Encoding utf8` (or `Out-File -Encoding utf8`) instead of `>`";

/** The message for a file (or, for `env`, the `.env` file next to a compose file) saved as UTF-16. */
export function encodingMessage(sig: Utf16Signature, subject: FileKind | "env", envPath?: string): string {
  const what = subject === "env" ? `The environment file \`${basename(envPath ?? ".env")}\` next to this compose file` : "This file";
  return `${what} is saved as ${describeUtf16(sig)}; ${CONSEQUENCE[subject]}. ${HOW_TO_SAVE}.`;
}

/**
 * The one finding for a file Docker cannot read because of its encoding, at the start of the file. An error
 * where the build or `docker compose` certainly fails; a warning for .dockerignore (the build goes on, without
 * the ignore patterns).
 */
export function encodingFinding(path: string, kind: FileKind, sig: Utf16Signature, env?: { path: string }): Finding {
  const subject = env ? "env" : kind;
  return {
    ruleId: ENCODING_RULE_ID,
    messageId: env ? "envUtf16" : "utf16",
    message: encodingMessage(sig, subject, env?.path),
    severity: subject === "dockerignore" ? "warning" : "error",
    category: "reliability",
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
    file: path,
  };
}
