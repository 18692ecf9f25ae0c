import { runStepOf } from "../../analysis/instructions";
import { copyArgs, imageStateAt, joinPosix, lineageInstructions, rootStageOf, workdirAt } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, DockerfileModel, Stage } from "../../model/dockerfile";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

/** Runtimes whose image is only a compiler: the program it builds needs none of it to run. */
const COMPILED = new Set(["go", "rust"]);

const basename = (p: string) => p.replace(/\/+$/, "").slice(p.replace(/\/+$/, "").lastIndexOf("/") + 1);

/** The start command's program as written (ENTRYPOINT wins over CMD, as in Docker), or undefined. */
function startProgram(model: DockerfileModel, stage: Stage): { program: string; ins: DockerInstruction } | undefined {
  const lineage = lineageInstructions(model, stage);
  const last = (keyword: string) => [...lineage].reverse().find((i) => i.keyword === keyword);
  const ins = last("ENTRYPOINT") ?? last("CMD");
  if (!ins) return undefined;
  const commands = model.shellCommands(ins);
  // shell form runs `/bin/sh -c`: only a lone command names its program for certain
  if (!ins.isExecForm && commands.length !== 1) return undefined;
  const cmd = commands[0];
  const p = cmd ? programOf(cmd) : undefined;
  const word = p && cmd ? cmd.words[p.index] : undefined;
  return word ? { program: word.value, ins } : undefined;
}

/**
 * What the stage's lineage is known to build or copy in as a program: `go build -o <path>`, `go install <pkg>`,
 * `cargo build` outputs under `target/`, and files copied from another stage.
 */
function builtPrograms(model: DockerfileModel, stage: Stage): { names: Set<string>; cargoTarget: boolean } {
  const names = new Set<string>();
  let cargoTarget = false;
  for (const ins of lineageInstructions(model, stage)) {
    // an ONBUILD RUN builds nothing in this image
    const step = runStepOf(model, ins);
    if (step && !step.onbuild) {
      for (const cmd of step.commands) {
        const p = programOf(cmd);
        if (!p) continue;
        const args = argsOf(cmd).map((w) => w.value);
        if (p.name === "go" && args[0] === "build") {
          const o = args.indexOf("-o");
          const out = o >= 0 ? args[o + 1] : args.find((a) => a.startsWith("-o="))?.slice(3);
          if (out) names.add(basename(out));
        } else if (p.name === "go" && args[0] === "install") {
          for (const a of args.slice(1)) if (!a.startsWith("-")) names.add(basename(a.replace(/@.*$/, "").replace(/\/\.\.\.$/, "")));
        } else if (p.name === "cargo" && (args[0] === "build" || args[0] === "install")) {
          cargoTarget = true;
        }
      }
    } else if ((ins.keyword === "COPY" || ins.keyword === "ADD") && model.flag(ins, "from")) {
      const c = copyArgs(ins);
      if (!c) continue;
      const owner = ins.stage ?? stage;
      const dest = joinPosix(workdirAt(model, owner, ins), c.dest);
      if (c.dest.endsWith("/") || c.sources.length > 1) for (const s of c.sources) names.add(basename(s));
      else names.add(basename(dest));
    }
  }
  return { names, cargoTarget };
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/toolchain-final-stage",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not ship a compiled program on its compiler's image (`golang`, `rust`): run it from a small runtime stage.",
    rationale:
      "A Go or Rust program needs none of the toolchain it was built with, yet the `golang` and `rust` images carry compilers, headers, the module and crate caches and a full distribution: hundreds of megabytes and a large attack surface in every container you run. " +
      "Build in a stage of its own and copy only the binary into a runtime stage: `scratch` for a static binary, distroless or a slim base otherwise. " +
      "The rule speaks only when the start command runs a program the Dockerfile itself builds (`go build -o`, `go install`, `cargo build`/`cargo install`) or copies from another stage; images that run `go` or `cargo` themselves (tool images, `go run`) are left alone.",
    examples: [
      {
        bad: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/api ./cmd/api\nUSER 65532\nCMD ["api"]\n',
        good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nCMD ["/api"]\n',
      },
    ],
    equivalents: [],
    messages: {
      toolchain:
        "`{{program}}` is a compiled program, but this final stage runs it on the `{{image}}` toolchain image; copy it into a scratch, distroless or slim runtime stage.",
    },
    practice: "004 (Minimal base decision tree: a static binary runs on scratch, otherwise distroless), 001 (multi-stage builds)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    const state = imageStateAt(dockerfile, stage);
    if (state.baseFromArg) return;
    const runtime = state.base.known.runtime;
    if (!runtime || !COMPILED.has(runtime)) return;
    const start = startProgram(dockerfile, stage);
    if (!start) return;
    const name = basename(start.program);
    if (/^(go|gofmt|cargo|rustc|rustup|sh|bash|dash|ash)$/.test(name)) return;
    const built = builtPrograms(dockerfile, stage);
    const fromCargo = built.cargoTarget && /(^|\/)target\/(release|debug)\/|^\/usr\/local\/cargo\/bin\//.test(start.program);
    if (!built.names.has(name) && !fromCargo) return;
    const root = rootStageOf(dockerfile, stage);
    report({ messageId: "toolchain", range: root.from.range, data: { program: start.program, image: root.image.raw } });
  },
});
