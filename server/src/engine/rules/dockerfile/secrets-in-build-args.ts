import { runStepOf } from "../../analysis/instructions";
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

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variables each instruction of a stage names (`$NAME`, `${NAME}`, `${NAME:-x}`), read once per stage: the rule
 * asks for every secret ARG which later instructions use it, and one scan per ARG made a file of thousands of ARGs
 * quadratic.
 */
function variableUses(instructions: DockerInstruction[]): Map<string, number[]> {
  const uses = new Map<string, number[]>();
  instructions.forEach((ins, index) => {
    const names = new Set<string>();
    for (const m of ins.argsText.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
      const name = m[1] ?? m[2];
      if (name) names.add(name);
    }
    for (const name of names) {
      const list = uses.get(name);
      if (list) list.push(index);
      else uses.set(name, [index]);
    }
  });
  return uses;
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
    const usesByStage = new Map<number, Map<string, number[]>>();
    // built on the first secret ARG only: most Dockerfiles have none, and this runs on every lint
    let positionInStage: Map<DockerInstruction, number> | undefined;
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
          let stageUses = usesByStage.get(stage.index);
          if (!stageUses) usesByStage.set(stage.index, (stageUses = variableUses(stage.instructions)));
          if (!positionInStage) {
            positionInStage = new Map();
            for (const st of dockerfile.stages) st.instructions.forEach((x, i) => positionInStage?.set(x, i));
          }
          const at = positionInStage.get(ins) ?? stage.instructions.indexOf(ins);
          const after = IDENT.test(p.name)
            ? (stageUses.get(p.name) ?? []).filter((i) => i > at).flatMap((i) => stage.instructions[i] ?? [])
            : stage.instructions.slice(at + 1).filter((i) => usesVariable(i.argsText, p.name));
          // a plain RUN can read the secret from a mount instead; anything else (an ONBUILD RUN included) needs the ARG
          const users = after.filter((i) => runStepOf(dockerfile, i)?.onbuild !== false);
          if (users.length === 0) {
            const id = p.name.toLowerCase();
            const edits: TextEdit[] = [deleteInstruction(dockerfile, ins)];
            for (const run of after) {
              if (runStepOf(dockerfile, run)?.onbuild !== false) continue;
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
