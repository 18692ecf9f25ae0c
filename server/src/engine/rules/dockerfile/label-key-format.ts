import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";

const RESERVED = ["com.docker.", "io.docker.", "org.dockerproject."];

/** Why a label key breaks Docker's key conventions, or undefined when it follows them. */
export function labelKeyProblem(key: string): string | undefined {
  if (!/^[a-z]/.test(key)) return "it must start with a lower-case letter";
  if (!/[a-z0-9]$/.test(key)) return "it must end with a lower-case letter or digit";
  if (/[^0-9a-z._/-]/.test(key)) return "it may only contain lower-case letters, digits, `.`, `-`, `_` and `/`";
  if (RESERVED.some((r) => key.startsWith(r))) return "the `com.docker.`, `io.docker.` and `org.dockerproject.` namespaces are reserved";
  if (key.includes("..") || key.includes("--")) return "it must not contain `..` or `--`";
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/label-key-format",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: false,
    summary: "Label keys follow Docker's conventions: lower-case reverse-DNS, no reserved namespaces.",
    rationale:
      "Tools that read image labels expect keys such as `org.opencontainers.image.source`: lower-case letters, digits, dots and dashes, starting with a letter, without doubled separators. The `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces belong to Docker. Keys that follow the convention are found by scanners, registries and `docker inspect --format` alike.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nLABEL Maintainer="Jane Doe"\n',
        good: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.authors="Jane Doe"\n',
      },
    ],
    equivalents: ["hadolint:DL3048"],
    messages: { invalidKey: "Label key `{{key}}` is not valid: {{reason}}." },
    practice: "hadolint DL3048",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "LABEL") continue;
      const props = (ins.ast as unknown as { getProperties(): { getName(): string; getNameRange(): Range }[] }).getProperties();
      for (const p of props) {
        const key = p.getName().replace(/^["']|["']$/g, "");
        const reason = labelKeyProblem(key);
        if (reason) report({ messageId: "invalidKey", range: p.getNameRange(), data: { key, reason } });
      }
    }
  },
});
