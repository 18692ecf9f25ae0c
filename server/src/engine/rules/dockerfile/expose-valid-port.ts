import { dockerfileRule } from "../../rule";

const MAX_PORT = 65535;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/expose-valid-port",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build stops with an invalid port error.",
    fixable: false,
    summary: "EXPOSE only port numbers from 0 to 65535.",
    rationale:
      "TCP and UDP ports are 16-bit numbers. A larger number in EXPOSE (often a typo, or a host:container pair pasted from a compose file) documents a port nothing can listen on, and tools reading the image metadata reject or misread it. " +
      "Ranges (`8000-8010/tcp`) are checked at both ends; ports held in variables are not judged.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nEXPOSE 80000\n",
        good: "FROM python:3.13-slim\nEXPOSE 8000\n",
      },
    ],
    equivalents: ["hadolint:DL3011", "trivy:DS-0008"],
    messages: { range: "Port {{port}} is out of range: valid ports are 0 to 65535." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const arg of ins.ast.getArguments()) {
        const value = arg.getValue().replace(/^["']|["']$/g, "");
        if (value.includes("$")) continue;
        const ports = value.replace(/\/[a-z]+$/i, "").split("-");
        const bad = ports.find((p) => /^\d+$/.test(p) && Number(p) > MAX_PORT);
        if (bad !== undefined) report({ messageId: "range", range: arg.getRange(), data: { port: bad } });
      }
    }
  },
});
