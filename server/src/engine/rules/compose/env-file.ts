import { isMap, isScalar, isSeq, type Node } from "yaml";
import { envExampleChange, envExampleNames, envExamplePath, isGitIgnored } from "../../analysis/composeFiles";
import { isLiteralValue, isSecretName } from "../../knowledge/secrets";
import { scalarText } from "../../model/compose";
import { dirname, relative, resolvePath } from "../../paths";
import { composeRule } from "../../rule";
import type { Range } from "../../text";

/** `${VAR}` / `$VAR` without a default (`${VAR:-x}`, `${VAR-x}` have one; `$$` is an escape). */
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+=][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

const TEMPLATE_SUFFIXES = [".example", ".sample", ".dist", ".template"];

export const rule = composeRule({
  meta: {
    id: "compose/env-file",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "`env_file`s must exist and stay out of git when they hold secrets; variables without a default belong in `.env.example`.",
    rationale:
      "A missing `env_file` stops `docker compose up` (unless marked `required: false`); it is not reported when a committed template sits beside it (`.env.example` for `.env`, `.env.production.example` for `.env.production`), since each developer creates the file from it; a missing file that `.gitignore` covers (created per checkout, but with no template) is reported as info. An env file with real passwords that `.gitignore` does not cover is one `git add .` away from being published. And a `${VAR}` without a default that `.env.example` does not list leaves the next developer guessing which variables to set; Compose substitutes an empty string and only warns. The fix adds the missing names to `.env.example`.",
    examples: [
      {
        fileName: "compose.yml",
        files: { ".env.example": "POSTGRES_USER=\n" },
        bad: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
        good: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n      POSTGRES_DB: ${POSTGRES_DB:-app}\n",
      },
    ],
    equivalents: [],
    severityCaps: { missingIgnored: "info" },
    messages: {
      missing: "The env file `{{path}}` does not exist.",
      missingIgnored:
        "The env file `{{path}}` is gitignored and not here: `docker compose up` fails until it is created; commit a `{{path}}.example` that says what goes in it.",
      notIgnored: "`{{path}}` holds secrets ({{names}}) and is not covered by `.gitignore`.",
      undocumented: "`{{name}}` has no default and is not listed in `.env.example`.",
    },
    reads: [".env", ".env.*", "*.env", "*.example", "*.sample", "*.dist", "*.template", ".gitignore"],
    practice: "000 Environment variables and secrets (.env.example committed, .env gitignored)",
  },
  check({ compose, project, report }) {
    const dir = dirname(compose.path);
    for (const svc of compose.services) {
      const v = compose.get(svc.node, "env_file");
      const items: Node[] = isSeq(v) ? compose.items(v) : v ? [v] : [];
      for (const item of items) {
        const pathNode = isMap(item) ? compose.get(item, "path") : item;
        const p = scalarText(pathNode);
        if (!p || p.includes("$")) continue;
        const required = isMap(item) ? compose.scalar(item, "required") !== "false" : true;
        const abs = resolvePath(dir, p);
        const text = project.fs.readFile(abs);
        const range = compose.rangeOf(pathNode);
        if (text === undefined) {
          // a committed `.env.example` beside a gitignored `.env` documents a file each developer creates
          const documented = TEMPLATE_SUFFIXES.some((x) => project.fs.exists(abs + x));
          // a gitignored file is meant to be created in each checkout: say so, as info
          if (required && !project.fs.exists(abs) && !documented)
            report({ messageId: isGitIgnored(project, abs) ? "missingIgnored" : "missing", range, data: { path: p } });
          continue;
        }
        const secrets = secretNamesIn(text);
        if (secrets.length > 0 && !/\.example$|\.sample$|\.template$|\.dist$/.test(abs) && !isGitIgnored(project, abs)) {
          report({ messageId: "notIgnored", range, data: { path: relative(project.dir, abs), names: secrets.slice(0, 3).join(", ") } });
        }
      }
    }

    const documented = envExampleNames(project);
    if (!documented) return;
    const missing: { name: string; range: Range }[] = [];
    const seen = new Set<string>();
    const visit = (node: unknown, depth: number) => {
      if (depth > 64) return;
      if (isScalar(node)) {
        if (typeof node.value !== "string" || !node.value.includes("$") || !node.range) return;
        const raw = compose.text.slice(node.range[0], node.range[1]);
        for (const m of raw.matchAll(VARIABLE)) {
          const name = m[1] ?? m[3];
          if (!name || (m[2] && !m[2].startsWith(":?") && !m[2].startsWith("?"))) continue;
          if (documented.has(name)) continue;
          const start = node.range[0] + (m.index ?? 0);
          if (seen.has(`${name}@${start}`)) continue;
          seen.add(`${name}@${start}`);
          missing.push({ name, range: compose.lines.rangeOf(start, start + m[0].length) });
        }
      } else if (isMap(node)) {
        for (const item of node.items) visit(item.value, depth + 1);
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item, depth + 1);
      }
    };
    visit(compose.doc.contents, 0);
    for (const m of missing) {
      const change = envExampleChange(project, [m.name]);
      report({
        messageId: "undocumented",
        range: m.range,
        data: { name: m.name },
        fixes: change
          ? [{ title: `Add ${m.name} to ${relative(project.dir, envExamplePath(project))}`, safe: true, edits: [], changes: [change] }]
          : [],
      });
    }
  },
});

function secretNamesIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (m?.[1] && isSecretName(m[1]) && isLiteralValue(m[2]?.replace(/\s+#.*$/, ""))) out.push(m[1]);
  }
  return out;
}
