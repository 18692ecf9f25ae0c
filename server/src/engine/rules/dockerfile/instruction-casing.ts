import type { DockerInstruction } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

const isUpper = (s: string) => s === s.toUpperCase();
const isLower = (s: string) => s === s.toLowerCase();

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/instruction-casing",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Write instruction keywords in one consistent case, upper or lower, across the file.",
    rationale:
      "Docker accepts `RUN`, `run` and `Run` alike, but a file that mixes them is harder to scan, and mixed-case keywords (`Run`, `EntryPoint`) look like typos. Keywords should all follow the case most of the file already uses (upper case when it is a tie).",
    examples: [
      {
        bad: 'FROM alpine:3.20\nRun echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
        good: 'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
      },
    ],
    equivalents: ["buildkit:ConsistentInstructionCasing"],
    messages: { casing: "`{{keyword}}` should be {{casing}} like the majority of instructions in this file." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    const all: DockerInstruction[] = dockerfile.instructions;
    let lower = 0;
    let upper = 0;
    for (const ins of all) {
      const k = ins.keywordAsWritten;
      if (isLower(k)) lower++;
      else if (isUpper(k)) upper++;
    }
    const majorityLower = lower > upper;
    for (const ins of all) {
      const k = ins.keywordAsWritten;
      const wanted = majorityLower ? k.toLowerCase() : k.toUpperCase();
      if (k === wanted) continue;
      report({
        messageId: "casing",
        range: ins.keywordRange,
        data: { keyword: k, casing: majorityLower ? "lower case" : "upper case" },
        fixes: [{ title: `Change to ${wanted}`, safe: true, edits: [{ range: ins.keywordRange, newText: wanted }] }],
      });
    }
  },
});
