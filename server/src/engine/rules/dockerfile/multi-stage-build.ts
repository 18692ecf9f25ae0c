import { runStepOf } from "../../analysis/instructions";
import { buildsImageForOthers } from "../../analysis/imagePurpose";
import { installedPackages, isBuildPackage, lineageInstructions } from "../../analysis/dockerfileFacts";
import type { DockerfileModel, Stage } from "../../model/dockerfile";
import { programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

/** The build tooling a stage installs: compilers and headers, or a Python/Node toolchain. */
export function buildTooling(model: DockerfileModel, stage: Stage): { what: string; line: number }[] {
  const out: { what: string; line: number }[] = [];
  for (const p of installedPackages(model, stage)) {
    if (p.manager !== "pip" && isBuildPackage(p.name)) out.push({ what: p.name, line: p.ins.range.start.line });
    if (p.manager === "pip" && /^(uv|poetry|pipenv|pdm|hatch)$/.test(p.name)) out.push({ what: p.name, line: p.ins.range.start.line });
  }
  for (const ins of lineageInstructions(model, stage)) {
    if (ins.keyword === "COPY" && /astral-sh\/uv|(^|\/)uv:/.test(model.flag(ins, "from")?.getValue() ?? ""))
      out.push({ what: "uv", line: ins.range.start.line });
    // an ONBUILD RUN runs in images built on this one, not in this one
    const step = runStepOf(model, ins);
    if (step && !step.onbuild) {
      for (const cmd of step.commands) {
        const p = programOf(cmd);
        if (p && /^(curl|wget)$/.test(p.name) && cmd.words.some((w) => /install\.python-poetry\.org|astral\.sh\/uv/.test(w.value)))
          out.push({ what: /poetry/.test(cmd.words.map((w) => w.value).join(" ")) ? "poetry" : "uv", line: ins.range.start.line });
      }
    }
  }
  return out;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/multi-stage-build",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Use a builder stage when the image needs compilers, headers or a packaging toolchain only to build.",
    rationale:
      "A single-stage image ships everything the build needed: `build-essential`, `gcc`, `*-dev` headers, uv or Poetry. None of it is used at run time, all of it adds size and vulnerabilities. " +
      "Install and compile in a builder stage, then copy only the result (the virtual environment, the built wheels, the compiled assets) into a slim or hardened runtime stage. " +
      "Development Dockerfiles (`Dockerfile.dev`, a plain `Dockerfile` beside a `prod.Dockerfile`, stages named `dev`) are exempt: they need the toolchain. So are toolchain images built for others (no application of their own: no CMD, or a CMD that only opens a shell or an interpreter such as `python3`, and nothing copied from the context but scripts).",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
        good: "FROM python:3.13-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir --prefix=/install -r requirements.txt\n\nFROM python:3.13-slim\nCOPY --from=builder /install /usr/local\n",
      },
    ],
    equivalents: [],
    messages: {
      singleStage: "This single-stage image installs build tooling ({{tools}}) and ships it to production; build in a separate stage.",
    },
    practice: "000 (Multi-stage builds), 002 (Decision: multi-stage Docker), 004 (Multi-Stage Builds), 003 (Review: multi-stage build)",
  },
  check({ dockerfile, report }) {
    if (dockerfile.stages.length !== 1) return;
    const stage = dockerfile.stages[0] as Stage;
    if (stage.role !== "final") return;
    // a toolchain image (golang, python's full variant) ships its compilers on purpose
    if (buildsImageForOthers(dockerfile, stage)) return;
    const tools = buildTooling(dockerfile, stage);
    if (tools.length === 0) return;
    const names = [...new Set(tools.map((t) => t.what))];
    report({
      messageId: "singleStage",
      range: stage.from.range,
      data: { tools: names.slice(0, 4).join(", ") + (names.length > 4 ? ", …" : "") },
    });
  },
});
