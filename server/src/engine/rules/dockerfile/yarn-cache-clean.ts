import { runSteps } from "../../analysis/instructions";
import { layersShip } from "../../analysis/dockerfileFacts";
import { appendToRun, commandHasArgs, hasCacheOrTmpfsMountWith } from "../../analysis/runCommands";
import type { ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const isInstall = (c: ShellCommand) => commandHasArgs(c, ["yarn"], ["install"]);
const isCacheClean = (c: ShellCommand) => {
  const args = c.words.map((w) => w.value);
  return commandHasArgs(c, ["yarn"], ["cache"]) && args.includes("clean");
};

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/yarn-cache-clean",
    category: "image-size",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Run `yarn cache clean` after `yarn install` in stages that end up in the image.",
    rationale:
      "Yarn keeps a copy of every package it installs in its global cache. In an image layer that copy is dead weight, often as large as `node_modules` itself. Clean it in the same RUN, or mount a build cache on `/usr/local/share/.cache/yarn` (`~/.cache/yarn`) so it never enters the layer. Stages that are only copied from are not checked, since their cache never reaches the image. Info by default, as in hadolint.",
    examples: [
      {
        bad: "FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
        good: "FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
      },
    ],
    equivalents: ["hadolint:DL3060"],
    messages: { missingClean: "`yarn install` without `yarn cache clean` (or a cache mount) leaves Yarn's cache in the layer." },
    practice: "hadolint DL3060",
  },
  check({ dockerfile, report }) {
    // a fragment without FROM is checked as one stage
    const groups = dockerfile.stages.length > 0 ? dockerfile.stages : [undefined];
    for (const stage of groups) {
      // builder stages that are only copied from never ship their cache
      for (const { ins, commands } of runSteps(dockerfile, stage)) {
        if (!layersShip(dockerfile, ins)) continue;
        const install = commands.findIndex(isInstall);
        if (install < 0 || hasCacheOrTmpfsMountWith(ins, ".cache/yarn")) continue;
        if (commands.some((c, i) => i > install && isCacheClean(c))) continue;
        const cmd = commands[install] as ShellCommand;
        const edit = appendToRun(dockerfile, ins, "yarn cache clean");
        report({
          messageId: "missingClean",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          fixes: edit ? [{ title: "Append `&& yarn cache clean`", safe: true, edits: [edit] }] : [],
        });
      }
    }
  },
});
