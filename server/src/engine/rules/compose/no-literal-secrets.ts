import { isMap, isSeq, type Node, type Pair } from "yaml";
import { appendToMap, childIndent, commandScalars, innerRange, serviceEnvironment, type EnvEntry } from "../../analysis/compose";
import { envExampleChange, isGitIgnored, readText } from "../../analysis/composeFiles";
import { composeImageInfo } from "../../knowledge/composeImages";
import { isLiteralValue, isSecretName, secretLookingValue, urlWithPassword } from "../../knowledge/secrets";
import type { ComposeFileModel, ServiceModel } from "../../model/compose";
import type { ComposeProject } from "../../model/composeProject";
import { join } from "../../paths";
import { composeRule } from "../../rule";
import { LineIndex, type Range, type TextEdit } from "../../text";
import type { FileChange, Fix } from "../../types";

/** Passwords written into a command line: `--password=…`, `PGPASSWORD=…`, `mysqladmin -psecret`, `--requirepass …`. */
const COMMAND_SECRET =
  /(?:--password[= ]|--requirepass\s+|\bPGPASSWORD=|\bMYSQL_PWD=|(?:mysql|mysqladmin)\b[^|;&]*?\s-p)(['"]?)([^\s'"$][^\s'"]*)\1/;

function envVarFix(project: ComposeProject, variable: string, range: Range): Fix {
  const change = envExampleChange(project, [variable]);
  return {
    title: `Use \${${variable}} and list it in .env.example (set the value in .env)`,
    safe: false,
    edits: [{ range, newText: `\${${variable}}` }],
    changes: change ? [change] : [],
  };
}

function secretsFix(file: ComposeFileModel, project: ComposeProject, svc: ServiceModel, entry: EnvEntry): Fix | undefined {
  if (!svc.node || svc.node.flow || entry.value === undefined) return undefined;
  const secret = `${svc.name}_${entry.name}`.toLowerCase().replace(/[^a-z0-9_.-]/g, "_");
  const target = `/run/secrets/${secret}`;
  const edits: TextEdit[] = [];
  const eol = file.lines.eol;
  if (entry.form === "map") {
    const pair = entry.node as Pair;
    const keyStart = file.rangeOf(pair.key).start;
    edits.push({ range: { start: keyStart, end: file.rangeOf(pair).end }, newText: `${entry.name}_FILE: ${target}` });
  } else {
    if (!entry.valueRange) return undefined;
    edits.push({ range: { start: entry.nameRange.start, end: entry.valueRange.end }, newText: `${entry.name}_FILE=${target}` });
  }
  const indent = " ".repeat(childIndent(file, svc.node, svc.key));
  const step = " ".repeat(Math.max(2, indent.length - svc.keyRange.start.character));
  const existing = file.get(svc.node, "secrets");
  if (isSeq(existing) && !existing.flow && existing.items.length > 0) {
    const first = file.rangeOf(existing.items[0]);
    const col = first.start.character;
    const dash = file.lines.lineText(first.start.line).lastIndexOf("-", col);
    const lastLine = file.rangeOf(existing).end;
    const at = lastLine.character === 0 ? lastLine : { line: lastLine.line + 1, character: 0 };
    edits.push({ range: { start: at, end: at }, newText: `${" ".repeat(Math.max(0, dash))}- ${secret}${eol}` });
  } else if (existing === undefined) {
    const e = appendToMap(file, svc.node, [`${indent}secrets:`, `${indent}${step}- ${secret}`]);
    if (!e) return undefined;
    edits.push(e);
  } else return undefined;
  const top = file.topLevelValue("secrets");
  const fileLine = [`${step}${secret}:`, `${step}${step}file: ./secrets/${secret}.txt`];
  if (isMap(top) && !top.flow) {
    const e = appendToMap(file, top, fileLine);
    if (!e) return undefined;
    edits.push(e);
  } else if (top === undefined) {
    const end = file.lines.positionAt(file.text.length);
    const lead = file.text.endsWith("\n") || file.text === "" ? "" : eol;
    edits.push({ range: { start: end, end }, newText: `${lead}${eol}secrets:${eol}${fileLine.join(eol)}${eol}` });
  } else return undefined;
  const secretPath = join(project.dir, "secrets", `${secret}.txt`);
  const changes: FileChange[] = [{ path: secretPath, create: `${entry.value}\n` }];
  if (!isGitIgnored(project, secretPath)) {
    const gi = join(project.dir, ".gitignore");
    const text = readText(project, gi);
    if (text === undefined) changes.push({ path: gi, create: "secrets/\n" });
    else {
      const end = new LineIndex(text).positionAt(text.length);
      changes.push({
        path: gi,
        edits: [{ range: { start: end, end }, newText: `${text === "" || text.endsWith("\n") ? "" : "\n"}secrets/\n` }],
      });
    }
  }
  return { title: `Move it to a Compose secret (${entry.name}_FILE)`, safe: false, edits, changes };
}

export const rule = composeRule({
  meta: {
    id: "compose/no-literal-secrets",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Do not write passwords, tokens or keys as literal values in a compose file.",
    rationale:
      "Compose files are committed and shared; a literal `POSTGRES_PASSWORD: devpass` (or a password inside a `DATABASE_URL`, a healthcheck or a command) is in the repository's history for good and shows in `docker inspect`. Reference a variable (`${POSTGRES_PASSWORD}`) whose value lives in an uncommitted `.env`, with the name documented in `.env.example`; or, for images that read `*_FILE` variables (postgres, mysql, mariadb, mongo, grafana …), mount a Compose secret.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  db:\n    image: postgres:16.4-alpine\n    environment:\n      POSTGRES_PASSWORD: devpass\n",
        good: "services:\n  db:\n    image: postgres:16.4-alpine\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
      },
    ],
    equivalents: [],
    messages: {
      literal: "`{{name}}` is set to a literal secret; reference a variable or a secret file instead.",
      urlPassword: "The URL in `{{name}}` contains a literal password.",
      commandPassword: "A literal password is written into the {{where}}.",
      tokenValue:
        "The value of `{{name}}` looks like a real credential (a known token format); reference a variable or a secret file instead.",
      randomValue:
        "The value of `{{name}}` looks like a generated secret (a long random string); reference a variable or a secret file instead.",
    },
    reads: [".env.example", ".gitignore"],
    practice: "000 Environment variables and secrets; 002 (literal POSTGRES_PASSWORD)",
  },
  check({ compose, project, report }) {
    const seen = new Set<string>();
    const once = (r: Range) => {
      const id = `${r.start.line}:${r.start.character}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };
    for (const svc of compose.services) {
      const info = composeImageInfo(project.image(svc.name));
      for (const e of serviceEnvironment(compose, svc)) {
        if (e.value === undefined || !e.valueRange) continue;
        if (isSecretName(e.name) && isLiteralValue(e.value) && !/^\/run\/secrets\//.test(e.value)) {
          if (!once(e.valueRange)) continue;
          const fixes: Fix[] = [envVarFix(project, e.name, e.valueRange)];
          if (info?.fileSecrets?.includes(e.name)) {
            const f = secretsFix(compose, project, svc, e);
            if (f) fixes.push(f);
          }
          report({ messageId: "literal", range: e.valueRange, data: { name: e.name }, fixes });
          continue;
        }
        const looks = isLiteralValue(e.value) ? secretLookingValue(e.name, e.value) : undefined;
        if (looks) {
          if (!once(e.valueRange)) continue;
          report({
            messageId: looks === "prefix" ? "tokenValue" : "randomValue",
            range: e.valueRange,
            data: { name: e.name },
            fixes: [envVarFix(project, e.name, e.valueRange)],
          });
          continue;
        }
        const url = urlWithPassword(e.value);
        if (url) {
          const start = compose.lines.offsetAt(e.valueRange.start) + url.start;
          const range = compose.lines.rangeOf(start, start + url.password.length);
          if (!once(range)) continue;
          const variable = `${e.name.replace(/_(URL|URI|DSN|CONNECTION|CONN)$/i, "")}_PASSWORD`;
          report({ messageId: "urlPassword", range, data: { name: e.name }, fixes: [envVarFix(project, variable, range)] });
        }
      }
      const hc = compose.get(svc.node, "healthcheck");
      const places: [string, Node | undefined][] = [
        ["command", compose.get(svc.node, "command")],
        ["entrypoint", compose.get(svc.node, "entrypoint")],
        ["healthcheck", isMap(hc) ? compose.get(hc, "test") : undefined],
      ];
      for (const [where, node] of places) {
        const scalars = commandScalars(compose, node);
        scalars.forEach((s, i) => {
          // list form: the flag and the password are separate items
          const next = scalars[i + 1];
          if (
            /^(--password|--requirepass|-a)$/.test(String(s.value)) &&
            next &&
            typeof next.value === "string" &&
            isLiteralValue(next.value)
          ) {
            const range = innerRange(compose, next);
            if (once(range)) report({ messageId: "commandPassword", range, data: { where } });
          }
        });
        for (const s of scalars) {
          if (typeof s.value !== "string" || !s.range) continue;
          const m = COMMAND_SECRET.exec(s.value);
          if (!m || !m[2]) continue;
          const raw = compose.text.slice(s.range[0], s.range[1]);
          const idx = raw.indexOf(m[2], raw.indexOf(m[0].slice(0, 4)));
          if (idx < 0) continue;
          const range = compose.lines.rangeOf(s.range[0] + idx, s.range[0] + idx + m[2].length);
          if (once(range)) report({ messageId: "commandPassword", range, data: { where } });
        }
      }
    }
  },
});
