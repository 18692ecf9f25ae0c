import { runSteps } from "../../analysis/instructions";
import { layersShip } from "../../analysis/dockerfileFacts";
import { appendToRun, commandHasArgs, commandName, hasCacheOrTmpfsMountWith } from "../../analysis/runCommands";
import { argsOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

interface Manager {
  programs: string[];
  installs: string[];
  clean: (program: string) => string;
  isClean: (cmd: ShellCommand, program: string) => boolean;
  cacheDirs: string[];
}

const removes = (cmd: ShellCommand, prefixes: string[]) =>
  commandName(cmd) === "rm" && argsOf(cmd).some((w) => prefixes.some((p) => w.value.startsWith(p)));

const MANAGERS: Manager[] = [
  {
    programs: ["yum"],
    installs: ["install"],
    clean: () => "yum clean all",
    isClean: (c) => isCleanAll(c, "yum") || removes(c, ["/var/cache/yum"]),
    cacheDirs: ["/var/cache/yum"],
  },
  {
    // microdnf (ubi-minimal) keeps its metadata and packages under /var/cache/yum, not /var/cache/dnf
    programs: ["microdnf"],
    installs: ["install", "upgrade", "update", "reinstall"],
    clean: () => "microdnf clean all",
    isClean: (c) => isCleanAll(c, "microdnf") || removes(c, ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"]),
    cacheDirs: ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"],
  },
  {
    programs: ["dnf"],
    installs: ["install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei"],
    clean: (p) => `${p} clean all`,
    isClean: (c, p) => isCleanAll(c, p) || removes(c, ["/var/cache/libdnf5", "/var/cache/dnf"]),
    cacheDirs: ["/var/cache/libdnf5", ".cache/libdnf5", "/var/cache/dnf"],
  },
  {
    programs: ["zypper"],
    installs: ["install", "in"],
    clean: () => "zypper clean",
    isClean: (c) => commandHasArgs(c, ["zypper"], ["clean", "cc"]),
    cacheDirs: ["/var/cache/zypp"],
  },
];

function isCleanAll(cmd: ShellCommand, program: string): boolean {
  const args = argsOf(cmd).map((w) => w.value);
  return commandName(cmd) === program && args.includes("clean") && args.includes("all");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/rpm-clean-cache",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Clean the yum, dnf, microdnf or zypper cache in the same RUN that installs packages.",
    rationale:
      "RPM package managers keep downloaded packages and repository metadata under `/var/cache` (`/var/cache/yum` for yum and microdnf, `/var/cache/dnf` or `/var/cache/libdnf5` for dnf, `/var/cache/zypp` for zypper). Unless the same RUN removes them (`yum clean all`, `dnf clean all`, `zypper clean`), they are committed into the layer and every pull carries them. A cache mount (`--mount=type=cache,target=/var/cache/dnf`) keeps them out of the image as well. Only stages the final image is built from are reported: a builder stage that is only copied from (and the stages it builds on) throws its layers away, cache included.",
    examples: [
      {
        bad: "FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57\n",
        good: "FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
      },
      {
        title: "a cache mount keeps the cache out of the layer",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n",
        good: "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl=8.6.0\n",
      },
    ],
    equivalents: [
      "hadolint:DL3032",
      "hadolint:DL3040",
      "hadolint:DL3036",
      "trivy:DS-0015",
      "trivy:DS-0019",
      "trivy:DS-0020",
      "trivy:DS-0027",
    ],
    messages: {
      missingClean: "`{{program}}` installs packages but the RUN never runs `{{clean}}`: the package cache stays in the layer.",
    },
    practice: "hadolint DL3032/DL3040/DL3036",
  },
  check({ dockerfile, report }) {
    for (const { ins, commands } of runSteps(dockerfile)) {
      // a builder stage only copied from throws its layers away, cache included
      if (!layersShip(dockerfile, ins)) continue;
      for (const m of MANAGERS) {
        if (m.cacheDirs.some((d) => hasCacheOrTmpfsMountWith(ins, d))) continue;
        for (const program of m.programs) {
          const install = commands.findIndex((c) => commandHasArgs(c, [program], m.installs));
          if (install < 0) continue;
          const cleanedAfter = commands.some((c, i) => i > install && m.isClean(c, program));
          if (cleanedAfter) continue;
          const cmd = commands[install] as ShellCommand;
          const edit = appendToRun(dockerfile, ins, m.clean(program));
          report({
            messageId: "missingClean",
            range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
            data: { program, clean: m.clean(program) },
            fixes: edit ? [{ title: `Append \`&& ${m.clean(program)}\``, safe: true, edits: [edit] }] : [],
          });
        }
      }
    }
  },
});
