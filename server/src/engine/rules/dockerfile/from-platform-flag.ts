import { dockerfileRule } from "../../rule";

/** The build's own platform variables keep a Dockerfile multi-platform. */
const PLATFORM_VARIABLES = /\b(BUILDPLATFORM|TARGETPLATFORM)\b/;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/from-platform-flag",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Don't hard-code `FROM --platform`; use `$BUILDPLATFORM`/`$TARGETPLATFORM` or the build's `--platform` option.",
    rationale:
      "A fixed `--platform=linux/amd64` on FROM forces that stage onto one architecture: the image can't be built for several platforms, and on an ARM machine it runs under emulation. " +
      "Choose the platform when building (`docker build --platform …`), or use the build's variables: `FROM --platform=$BUILDPLATFORM` for cross-compiling builder stages, `$TARGETPLATFORM` for the target. " +
      "As in BuildKit's check, a constant platform is accepted in a stage whose name carries the architecture or OS (`AS build_arm64`), the pattern for per-architecture stages. " +
      "The fix removes the flag; it is not safe, since the stage then builds for the requested platform instead.",
    examples: [
      {
        bad: "FROM --platform=linux/amd64 python:3.13-slim\n",
        good: "FROM python:3.13-slim\n",
      },
    ],
    equivalents: ["hadolint:DL3029", "buildkit:FromPlatformFlagConstDisallowed"],
    messages: {
      platform: "Don't pin FROM to --platform={{platform}}; use $BUILDPLATFORM/$TARGETPLATFORM or choose the platform at build time.",
    },
    practice: "hadolint; Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      const flag = dockerfile.flag(stage.from, "platform");
      if (!flag) continue;
      const platform = (flag.getValue() ?? "").replace(/^["']|["']$/g, "");
      if (PLATFORM_VARIABLES.test(platform)) continue;
      // a platform that comes from a build argument is not hard-coded (BuildKit: FromPlatformFlagConstDisallowed)
      if (/\$/.test(platform)) continue;
      if (!platform.includes("$") && stage.name) {
        const name = stage.name.toLowerCase();
        const parts = platform
          .toLowerCase()
          .split("/")
          .filter((p) => p.length > 0);
        if (parts.some((p) => name.includes(p))) continue;
      }
      // remove the flag and the whitespace after it
      const start = flag.getRange().start;
      const after = dockerfile.lines.offsetAt(flag.getRange().end);
      let end = after;
      while (end < dockerfile.text.length && /[ \t]/.test(dockerfile.text[end] as string)) end++;
      report({
        messageId: "platform",
        range: flag.getRange(),
        data: { platform },
        fixes: [
          { title: "Remove --platform", safe: false, edits: [{ range: { start, end: dockerfile.lines.positionAt(end) }, newText: "" }] },
        ],
      });
    }
  },
});
