import { healthcheckOf } from "../../analysis/dockerfileFacts";
import { probeIgnoresStatus } from "../../analysis/python";
import { hasFlag, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/healthcheck-status-ignored",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A health probe must fail when the server answers with an HTTP error.",
    rationale:
      '`python -c "import requests; requests.get(url)"` succeeds on a 500 or a 503: `requests` only raises for connection errors, so a broken application is reported healthy. ' +
      "The same is true of `curl` without `--fail`, which exits 0 whatever the status. " +
      "Check the status (`.raise_for_status()`, `curl --fail`), or use `urllib.request.urlopen`, which raises on HTTP errors.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nHEALTHCHECK CMD python -c \"import requests; requests.get('http://localhost:8000/health')\"\n",
        good: "FROM python:3.13-slim\nHEALTHCHECK CMD python -c \"import requests; requests.get('http://localhost:8000/health').raise_for_status()\"\n",
      },
      {
        bad: "FROM nginx:1.27\nHEALTHCHECK CMD curl http://localhost/ || exit 1\n",
        good: "FROM nginx:1.27\nHEALTHCHECK CMD curl --fail http://localhost/ || exit 1\n",
      },
    ],
    equivalents: [],
    messages: {
      requests: "`{{call}}(…)` does not fail on HTTP errors, so this probe passes while the app returns 500; check the status.",
      curl: "`curl` without `--fail` exits 0 on HTTP errors, so this probe cannot fail on a broken app.",
    },
    practice: "002 (the `requests.get` health check in the production Dockerfile), 003 (health checks use `curl --fail`)",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "HEALTHCHECK") continue;
      const h = healthcheckOf(dockerfile, ins);
      if (!h || h.kind !== "cmd") continue;
      // requests/httpx inside a `python -c` probe: look at the text as written
      const bad = probeIgnoresStatus(h.raw);
      if (bad) {
        const at = h.start + bad.index;
        const end = h.start + bad.end;
        const fixes: Fix[] = [
          {
            title: "Fail on HTTP errors (.raise_for_status())",
            safe: false,
            edits: [{ range: dockerfile.lines.rangeOf(end, end), newText: ".raise_for_status()" }],
          },
        ];
        report({ messageId: "requests", range: dockerfile.lines.rangeOf(at, end), data: { call: bad.call }, fixes });
        continue;
      }
      for (let k = 0; k < h.commands.length; k++) {
        const cmd = h.commands[k];
        if (!cmd) continue;
        const p = programOf(cmd);
        if (!p || p.name !== "curl") continue;
        // `curl … | grep -q ok` checks the body instead; `--fail-with-body` fails too
        if (cmd.after === "|") continue;
        if (hasFlag(cmd, "-f", "--fail", "--fail-with-body")) continue;
        const word = cmd.words[p.index];
        if (!word) continue;
        const at = h.execForm ? word.end + 1 : word.end;
        const fixes: Fix[] = [
          {
            title: "Add --fail",
            safe: false,
            edits: [{ range: dockerfile.lines.rangeOf(at, at), newText: h.execForm ? ', "--fail"' : " --fail" }],
          },
        ];
        report({ messageId: "curl", range: dockerfile.wordRange(word), fixes });
      }
    }
  },
});
