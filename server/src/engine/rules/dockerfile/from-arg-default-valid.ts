import { expandVariables, removeQuotes } from "../../model/imageRef";
import { dockerfileRule } from "../../rule";

/** Values the build fills in for the predefined platform arguments (any real values do for this check). */
const PREDEFINED: Record<string, string> = {
  BUILDPLATFORM: "linux/amd64",
  BUILDOS: "linux",
  BUILDOSVERSION: "",
  BUILDARCH: "amd64",
  BUILDVARIANT: "",
  TARGETPLATFORM: "linux/amd64",
  TARGETOS: "linux",
  TARGETOSVERSION: "",
  TARGETARCH: "amd64",
  TARGETVARIANT: "",
  TARGETSTAGE: "",
};

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN =
  "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** True when `ref` is a valid image reference (the grammar of distribution/reference). */
export function isValidReference(ref: string): boolean {
  return ref.length > 0 && ref.length <= 255 + 128 + 80 && REFERENCE.test(ref);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/from-arg-default-valid",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "ARG defaults used in FROM must produce a valid image name when no `--build-arg` is given.",
    rationale:
      "`ARG TAG` followed by `FROM busybox:${TAG}` only builds when everyone remembers `--build-arg TAG=…`; without it the reference is `busybox:`, which is invalid. Give the ARG a default (`ARG TAG=1.36`), or a fallback in place (`${TAG:-1.36}`), so a plain `docker build` works.",
    examples: [
      {
        bad: "ARG TAG\nFROM busybox:${TAG}\n",
        good: "ARG TAG=1.36\nFROM busybox:${TAG}\n",
      },
    ],
    equivalents: ["buildkit:InvalidDefaultArgInFrom"],
    messages: { invalid: "With the default ARG values, `{{image}}` becomes `{{expanded}}`, which is not a valid image name." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    const defaults = new Map<string, string>();
    for (const [k, v] of Object.entries(PREDEFINED)) defaults.set(k, v);
    for (const ins of dockerfile.globalArgs) {
      for (const a of ins.ast.getArguments()) {
        const text = a.getValue();
        const eq = text.indexOf("=");
        if (eq > 0) defaults.set(text.slice(0, eq), expandVariables(text.slice(eq + 1).replace(/^["']|["']$/g, ""), defaults));
      }
    }
    for (const stage of dockerfile.stages) {
      const raw = (stage.from.ast as unknown as { getImage(): string | null }).getImage() ?? "";
      if (!raw.includes("$") || !stage.imageRange) continue;
      // unset ARGs expand to nothing, exactly as in a build without --build-arg
      // quotes are removed after expansion, as in the shell (`alpine:"${TAG}"`)
      const expanded = removeQuotes(expandVariables(raw, defaults).replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ""));
      if (isValidReference(expanded)) continue;
      report({ messageId: "invalid", range: stage.imageRange, data: { image: raw, expanded } });
    }
  },
});
