// Entry point of the `shipshape` command (bundled to dist/cli/main.js, started by bin/shipshape.js).
import { decodeText } from "./nodeFs";
import { isLintWorker } from "./lintWorkers";
import { runLintWorkerThread } from "./lintRun";
import { runCli } from "./run";

/** Standard input stops being read past this size; the linter skips such a file anyway (and says so). */
const MAX_STDIN_BYTES = 16 * 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buf);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) break;
  }
  return decodeText(Buffer.concat(chunks)).text;
}

if (isLintWorker()) runLintWorkerThread();
else main();

function main(): void {
  void runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    stdin: readStdin,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`shipshape: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
