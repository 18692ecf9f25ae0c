import { replaceWord, runSteps } from "../../analysis/instructions";
import { commandArgs, commandName, commandWord, parseArgs } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

// apt subcommands with the same meaning in apt-get / apt-cache; `upgrade` and `full-upgrade` differ (apt may
// install new packages, apt-get upgrade never does), and `list`, `edit-sources` have no counterpart.
const SAME_IN_APT_GET = new Set([
  "install",
  "reinstall",
  "remove",
  "purge",
  "update",
  "autoremove",
  "clean",
  "autoclean",
  "source",
  "build-dep",
  "download",
  "satisfy",
  "changelog",
]);
const SIMILAR_IN_APT_GET: Record<string, string> = { upgrade: "upgrade", "full-upgrade": "dist-upgrade", "dist-upgrade": "dist-upgrade" };
const IN_APT_CACHE = new Set(["search", "show", "showsrc", "policy", "depends", "rdepends", "showpkg"]);
const APT_VALUE_FLAGS = new Set(["o", "option", "c", "config-file", "t", "target-release", "a", "host-architecture"]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apt-get-instead-of-apt",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Use `apt-get` (or `apt-cache`) in scripts, not `apt`.",
    rationale:
      "`apt` is the command-line front end for people at a terminal: its output, progress display and defaults may change between releases, " +
      'and it warns that it "does not have a stable CLI interface" when used in scripts. `apt-get` and `apt-cache` are the stable, scriptable tools with the same packages. ' +
      "The fix swaps the program; it is safe for subcommands that mean the same in apt-get (install, remove, update …) and offered as an unsafe fix for `upgrade`/`full-upgrade`, " +
      "whose apt-get counterparts handle new dependencies differently.",
    examples: [
      {
        bad: "FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    equivalents: ["hadolint:DL3027", "checkov:CKV_DOCKER_9"],
    messages: { apt: "Use apt-get or apt-cache instead of apt: apt is meant for interactive use and has no stable script interface." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        if (commandName(cmd) !== "apt") continue;
        const word = commandWord(cmd);
        if (!word) continue;
        const sub = parseArgs(commandArgs(cmd), APT_VALUE_FLAGS).operands[0];
        const range = dockerfile.wordRange(word);
        const fixes = [];
        const prefix = word.value.slice(0, word.value.length - 3); // keep `/usr/bin/`
        if (sub && SAME_IN_APT_GET.has(sub.value)) {
          fixes.push({ title: "Use apt-get", safe: true, edits: [replaceWord(dockerfile, step, word, `${prefix}apt-get`)] });
        } else if (sub && IN_APT_CACHE.has(sub.value)) {
          fixes.push({ title: "Use apt-cache", safe: true, edits: [replaceWord(dockerfile, step, word, `${prefix}apt-cache`)] });
        } else if (sub && SIMILAR_IN_APT_GET[sub.value] !== undefined) {
          const target = SIMILAR_IN_APT_GET[sub.value] as string;
          const edits = [replaceWord(dockerfile, step, word, `${prefix}apt-get`)];
          if (target !== sub.value) edits.push(replaceWord(dockerfile, step, sub, target));
          fixes.push({ title: `Use apt-get ${target}`, safe: false, edits });
        }
        report({ messageId: "apt", range, fixes });
      }
    }
  },
});
