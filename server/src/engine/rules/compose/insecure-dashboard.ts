import { isScalar } from "yaml";
import { commandScalars, deleteLines, innerRange, serviceEnvironment } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

/** Flags that switch off a dashboard's or API's authentication. */
const INSECURE_FLAGS: { re: RegExp; what: string }[] = [
  { re: /--api\.insecure(=true)?(\s|$)/i, what: "Traefik's dashboard and API without authentication" },
  { re: /--enable-skip-login(=true)?(\s|$)/i, what: "the Kubernetes dashboard without login" },
  { re: /--enable-insecure-login(=true)?(\s|$)/i, what: "the Kubernetes dashboard over plain HTTP" },
  { re: /-H\s*=?\s*tcp:\/\/0\.0\.0\.0:2375/i, what: "the Docker API without TLS on every interface" },
  { re: /--no-auth(=true)?(\s|$)|--auth(=|\s+)none(\s|$)/i, what: "a service with authentication switched off" },
];
const INSECURE_ENV: { name: RegExp; value: RegExp; what: string }[] = [
  { name: /^TRAEFIK_API_INSECURE$/i, value: /^true$/i, what: "Traefik's dashboard and API without authentication" },
  { name: /^GF_AUTH_ANONYMOUS_ORG_ROLE$/i, value: /^admin$/i, what: "Grafana with anonymous admin access" },
  { name: /^GF_AUTH_DISABLE_LOGIN_FORM$/i, value: /^true$/i, what: "Grafana without a login form" },
];

export const rule = composeRule({
  meta: {
    id: "compose/insecure-dashboard",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Do not switch off a dashboard's authentication (`--api.insecure=true` and similar).",
    rationale:
      "Traefik's `--api.insecure=true` serves the dashboard and API on port 8080 with no authentication; anyone who reaches the port reads the whole routing setup. The same holds for anonymous admin access in Grafana or the Docker API on TCP without TLS. Keep such switches out of shared compose files; expose dashboards through an authenticated router instead.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  proxy:\n    image: traefik:v3.1\n    command:\n      - "--api.insecure=true"\n      - "--providers.docker=true"\n',
        good: 'services:\n  proxy:\n    image: traefik:v3.1\n    command:\n      - "--api.dashboard=true"\n      - "--providers.docker=true"\n',
      },
    ],
    equivalents: [],
    messages: { insecure: "This runs {{what}}." },
    practice: "003 §8.3.5 (`--api.insecure=true` is unsafe for production)",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      for (const key of ["command", "entrypoint"]) {
        const value = compose.get(svc.node, key);
        const scalars = commandScalars(compose, value);
        for (const s of scalars) {
          if (!compose.owns(s) || typeof s.value !== "string") continue;
          const hit = INSECURE_FLAGS.find((f) => f.re.test(s.value as string));
          if (!hit) continue;
          const fixes: Fix[] = [];
          const r = compose.rangeOf(s);
          // a list item on a line of its own can go; a flag inside a string command is left to the user
          if (scalars.length > 1 && isScalar(s) && /^\s*-\s*$/.test(compose.lines.lineText(r.start.line).slice(0, r.start.character))) {
            fixes.push({ title: "Remove the flag", safe: false, edits: [deleteLines(compose, r.start.line, r.end.line)] });
          }
          report({ messageId: "insecure", range: innerRange(compose, s), data: { what: hit.what }, fixes });
        }
      }
      for (const e of serviceEnvironment(compose, svc)) {
        const hit = INSECURE_ENV.find((x) => x.name.test(e.name) && x.value.test((e.value ?? "").trim()));
        if (hit && e.owned) report({ messageId: "insecure", range: e.range, data: { what: hit.what } });
      }
    }
  },
});
