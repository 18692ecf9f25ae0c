import { runSteps } from "../../analysis/instructions";
import { programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const INTERPRETER = /^(sh|bash|zsh|dash|ash|ksh|python[0-9.]*|perl|ruby|node|php)$/;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/pipe-to-shell",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not pipe a downloaded script straight into a shell or interpreter (`curl … | sh`, `curl … | python3 -`).",
    rationale:
      "`curl https://… | sh` runs whatever the server returns at build time, unreviewed and unpinned: a compromised or changed installer changes your image, and a truncated download runs half a script. " +
      "The build is also not reproducible. Prefer a pinned package (`pip install poetry==1.8.3`), a pinned image to copy the binary from (`COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /usr/local/bin/uv`), " +
      "or download to a file, verify its checksum, then run it.",
    examples: [
      {
        title: "Installing Poetry with its web installer",
        bad: "FROM python:3.11-slim AS builder\nRUN curl -sSL https://install.python-poetry.org | python3 -\n",
        good: "FROM python:3.11-slim AS builder\nRUN pip install --no-cache-dir poetry==1.8.3\n",
      },
      {
        title: "Installing uv with its shell installer",
        bad: "FROM python:3.13-slim\nRUN curl -LsSf https://astral.sh/uv/install.sh | sh\n",
        good: "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /usr/local/bin/\n",
      },
    ],
    equivalents: [],
    messages: {
      piped: "A script downloaded with `{{tool}}` is piped into `{{shell}}`: it runs unreviewed and unpinned.",
      substituted: "A script downloaded with `{{tool}}` is run by a shell directly: it runs unreviewed and unpinned.",
    },
    practice: "002 (Poetry installed with `curl … | python3 -`), 000 (uv copied from a pinned image instead of installed with curl)",
  },
  check({ dockerfile, report }) {
    // RUN and ONBUILD RUN
    for (const { ins, commands: cmds } of runSteps(dockerfile)) {
      let found = false;
      for (let i = 0; i + 1 < cmds.length; i++) {
        const a = cmds[i];
        const b = cmds[i + 1];
        if (!a || !b || a.after !== "|") continue;
        const pa = programOf(a);
        const pb = programOf(b);
        if (!pa || !pb || !/^(curl|wget)$/.test(pa.name) || !INTERPRETER.test(pb.name)) continue;
        found = true;
        report({
          messageId: "piped",
          range: dockerfile.lines.rangeOf(a.start, b.end),
          data: { tool: pa.name, shell: pb.name },
        });
      }
      if (found) continue;
      const m = /\b(?:sh|bash|zsh|python[0-9.]*)\s+(?:-c\s+)?["']?(?:\$\(|<\()\s*(curl|wget)\b/.exec(ins.argsText);
      if (m) report({ messageId: "substituted", range: ins.keywordRange, data: { tool: m[1] as string } });
    }
  },
});
