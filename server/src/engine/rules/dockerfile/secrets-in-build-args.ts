import { deleteInstruction, propertiesOf } from "../../analysis/dockerfileFacts";
import { isSecretName, urlWithPassword } from "../../knowledge/secrets";
import type { DockerInstruction } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";
import type { Range, TextEdit } from "../../text";
import type { Fix } from "../../types";
import { escapeRegExp } from "../../regex";

function usesVariable(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`\\$(\\{${n}([:?+-][^}]*)?\\}|${n}(?![A-Za-z0-9_]))`).test(text);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/secrets-in-build-args",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Do not pass passwords, tokens or keys through ARG or ENV; mount them as build secrets.",
    rationale:
      "Build arguments and environment variables are recorded in the image: `docker history` shows ARG values used by RUN, and ENV values stay in the image config for anyone who can pull it. " +
      "A secret needed while building belongs in a secret mount (`RUN --mount=type=secret,id=…`), which is available to that one RUN and never written to a layer. " +
      "Secrets needed at run time come from the runtime environment (an env file or the orchestrator's secrets), not from the Dockerfile.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nARG PIP_TOKEN\nRUN pip install --index-url https://u:$PIP_TOKEN@pypi.example.com/simple app\n",
        good: "FROM python:3.13-slim\nRUN --mount=type=secret,id=pip_token,env=PIP_TOKEN pip install --index-url https://u:$PIP_TOKEN@pypi.example.com/simple app\n",
      },
      {
        bad: "FROM node:22-slim\nENV API_KEY=abc123\n",
        good: "FROM node:22-slim\nENV API_URL=https://api.example.com\n",
      },
    ],
    equivalents: ["buildkit:SecretsUsedInArgOrEnv", "hadolint:DL3064", "trivy:DS-0031"],
    messages: {
      arg: "Build argument `{{name}}` looks like a secret; its value ends up in the image history. Use a secret mount.",
      env: "ENV `{{name}}` looks like a secret and is stored in the image; pass it at run time instead.",
      urlPassword: "{{keyword}} `{{name}}` holds a URL with a password, which is stored in the image; pass it at run time instead.",
    },
    practice: "003 (Review: no secrets in build args or ENV; Anti-patterns: secrets in ENV), 000 (Environment variables and secrets)",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ARG" && ins.keyword !== "ENV") continue;
      const props = propertiesOf(ins);
      for (const p of props) {
        const inUrl = p.hasValue ? urlWithPassword(p.value) : undefined;
        if (inUrl && !isSecretName(p.name)) {
          report({ messageId: "urlPassword", range: nameRange(ins, p.name) ?? ins.range, data: { name: p.name, keyword: ins.keyword } });
          continue;
        }
        if (!isSecretName(p.name)) continue;
        const range = nameRange(ins, p.name) ?? ins.range;
        if (ins.keyword === "ENV") {
          report({ messageId: "env", range, data: { name: p.name } });
          continue;
        }
        const fixes: Fix[] = [];
        const stage = ins.stage;
        if (stage && props.length === 1) {
          const after = stage.instructions.slice(stage.instructions.indexOf(ins) + 1);
          const users = after.filter((i) => i.keyword !== "RUN" && usesVariable(i.argsText, p.name));
          if (users.length === 0) {
            const id = p.name.toLowerCase();
            const edits: TextEdit[] = [deleteInstruction(dockerfile, ins)];
            for (const run of after) {
              if (run.keyword !== "RUN" || !usesVariable(run.argsText, p.name)) continue;
              const flagStart = run.flags[0]?.getRange().start ?? run.argsRange?.start;
              if (!flagStart) continue;
              edits.push({ range: { start: flagStart, end: flagStart }, newText: `--mount=type=secret,id=${id},env=${p.name} ` });
            }
            fixes.push({ title: `Mount ${p.name} as a build secret (docker build --secret id=${id},env=${p.name})`, safe: false, edits });
          }
        }
        report({ messageId: "arg", range, data: { name: p.name }, fixes });
      }
    }
  },
});

function nameRange(ins: DockerInstruction, name: string): Range | undefined {
  const ast = ins.ast as unknown as { getProperties?(): { getName(): string; getNameRange(): Range }[] };
  try {
    return ast
      .getProperties?.()
      .find((p) => p.getName() === name)
      ?.getNameRange();
  } catch {
    return undefined;
  }
}
