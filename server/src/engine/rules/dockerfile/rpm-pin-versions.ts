import { runSteps } from "../../analysis/instructions";
import { argsNoFlags, commandHasArgs } from "../../analysis/runCommands";
import type { DockerfileModel, Stage } from "../../model/dockerfile";
import type { ShellCommand, ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const YUM_LIKE = ["yum", "dnf", "microdnf"];

/** `name-version[-release]`: every part after the name is made of version characters and one starts with a digit. */
function rpmVersionPinned(pkg: string, isDefined: (name: string) => boolean): boolean {
  // a local or remote .rpm file names its own version
  if (pkg.endsWith(".rpm")) return true;
  const parts = pkg.split("-");
  if (parts.length <= 1) return false;
  // `${VERSION}` and unbraced `$VERSION`: pinned when the variable is defined above
  if (pkg.includes("$"))
    return [...pkg.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)].some((m) =>
      isDefined((m[1] ?? m[2]) as string),
    );
  const rest = parts.slice(1);
  return rest.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && rest.some((p) => /^[0-9]/.test(p));
}

function zypperVersionPinned(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith(".rpm");
}

interface Definition {
  line: number;
  /** The stage of an ENV; undefined for ARG, which hadolint counts wherever it appears before. */
  stage: Stage | undefined;
}

/** Every ARG and ENV name with where it is defined, computed once per file. */
function definitions(dockerfile: DockerfileModel): Map<string, Definition[]> {
  const out = new Map<string, Definition[]>();
  const add = (name: string, d: Definition) => {
    const list = out.get(name);
    if (list) list.push(d);
    else out.set(name, [d]);
  };
  for (const ins of dockerfile.instructions) {
    const line = ins.range.start.line;
    if (ins.keyword === "ARG")
      for (const a of ins.ast.getArguments()) add(a.getValue().split("=")[0] as string, { line, stage: undefined });
    if (ins.keyword === "ENV" && ins.stage) {
      const props = (ins.ast as unknown as { getProperties(): { getName(): string }[] }).getProperties();
      for (const p of props) add(p.getName(), { line, stage: ins.stage });
    }
  }
  return out;
}

/** Whether `name` is defined before `line` (ARG anywhere, ENV in the stage's lineage). */
function definedBefore(
  dockerfile: DockerfileModel,
  defs: Map<string, Definition[]>,
  stage: Stage | undefined,
  line: number,
  name: string,
): boolean {
  const lineage = stage ? dockerfile.lineage(stage) : [];
  return (defs.get(name) ?? []).some((d) => d.line < line && (d.stage === undefined || lineage.includes(d.stage)));
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/rpm-pin-versions",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pin package versions in yum, dnf, microdnf and zypper installs.",
    rationale:
      "Without a version, the same Dockerfile installs whatever the repository serves on the day of the build, so two builds of one commit can differ and an upstream update can break the image without any change on your side. Write `name-version` for yum/dnf (`httpd-2.4.57`), `name=version` (or `>=`) for zypper, and `stream:version` for modules.",
    examples: [
      {
        bad: "FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n",
        good: "FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
      },
      {
        bad: "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
      },
    ],
    equivalents: ["hadolint:DL3033", "hadolint:DL3041", "hadolint:DL3037"],
    messages: {
      unpinned: "Pin the version of `{{pkg}}` (`{{hint}}`).",
      unpinnedModule: "Pin the stream of module `{{pkg}}` (`{{pkg}}:<stream>`).",
    },
    practice: "hadolint DL3033/DL3041/DL3037",
  },
  check({ dockerfile, report }) {
    let defs: Map<string, Definition[]> | undefined;
    for (const { ins, commands } of runSteps(dockerfile)) {
      const known = (name: string) => definedBefore(dockerfile, (defs ??= definitions(dockerfile)), ins.stage, ins.range.start.line, name);
      for (const cmd of commands) {
        const yumLike = YUM_LIKE.find((p) => commandHasArgs(cmd, [p], ["install"]));
        if (yumLike) {
          const isModule = commandHasArgs(cmd, [yumLike], ["module"]);
          const isGroup = yumLike !== "yum" && commandHasArgs(cmd, [yumLike], ["group"]);
          for (const w of packages(cmd, ["install", "module"])) {
            if (isModule) {
              if (!w.value.includes(":")) report({ messageId: "unpinnedModule", range: dockerfile.wordRange(w), data: { pkg: w.value } });
            } else if (!isGroup && !rpmVersionPinned(w.value, known)) {
              report({ messageId: "unpinned", range: dockerfile.wordRange(w), data: { pkg: w.value, hint: `${w.value}-<version>` } });
            }
          }
        } else if (commandHasArgs(cmd, ["zypper"], ["install", "in"])) {
          for (const w of packages(cmd, ["install", "in"])) {
            if (!zypperVersionPinned(w.value)) {
              report({ messageId: "unpinned", range: dockerfile.wordRange(w), data: { pkg: w.value, hint: `${w.value}=<version>` } });
            }
          }
        }
      }
    }
  },
});

function packages(cmd: ShellCommand, skip: string[]): ShellWord[] {
  return argsNoFlags(cmd).filter((w) => !skip.includes(w.value));
}
