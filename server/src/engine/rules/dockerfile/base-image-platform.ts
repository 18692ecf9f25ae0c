import { isPlatform, parsePlatform } from "../../analysis/platforms";
import { imageFacts } from "../../knowledge/images";
import type { ImageRef } from "../../model/imageRef";
import { dockerfileRule } from "../../rule";

/** The OS an image is known to exist for, judged from its name alone; undefined when we cannot tell. */
function knownImageOs(ref: ImageRef): "linux" | "windows" | undefined {
  const full = `${ref.registry ?? ""}/${ref.path}`.toLowerCase();
  if (/(^|\/)windows\/|nanoserver|servercore|windowsservercore/.test(full) || /nanoserver|servercore|ltsc/.test(ref.tag ?? ""))
    return "windows";
  const family = imageFacts(ref).family;
  if (family === "debian" || family === "alpine" || family === "distroless") return "linux";
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/base-image-platform",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "The platform requested in `FROM --platform` must exist and suit the base image.",
    rationale:
      "BuildKit warns when the base image it pulled is for a different platform than the build asked for; the build then runs under emulation or fails at run time. Without pulling images we can only check what the Dockerfile states: that a constant `--platform` names a real OS and architecture (`linux/arm64`, not `linux/aarm64` or `amd64/linux`), and that it does not ask for Windows on an image that only exists for Linux (Debian, Alpine, distroless) or the reverse for Windows Server images. Mismatches that depend on the registry's manifest are left to BuildKit.",
    examples: [
      {
        bad: "FROM --platform=linux/aarch64x python:3.13-slim AS build-arm\n",
        good: "FROM --platform=linux/arm64 python:3.13-slim AS build-arm\n",
      },
      {
        bad: "FROM --platform=windows/amd64 alpine:3.20 AS win\n",
        good: "FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win\n",
      },
    ],
    equivalents: ["buildkit:InvalidBaseImagePlatform"],
    messages: {
      invalid: "`{{value}}` is not a valid platform: {{reason}}.",
      mismatch: "`{{image}}` is only published for {{imageOs}}, but this stage asks for {{os}}.",
    },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      const flag = dockerfile.flag(stage.from, "platform");
      const value = flag?.getValue()?.replace(/^["']|["']$/g, "");
      if (!flag || !value || value.includes("$")) continue;
      const range = flag.getValueRange() ?? flag.getRange();
      const p = parsePlatform(value);
      if (!isPlatform(p)) {
        report({ messageId: "invalid", range, data: { value, reason: p.error } });
        continue;
      }
      if (stage.parent || stage.image.hasVariables || stage.image.isScratch || p.os === "") continue;
      const imageOs = knownImageOs(stage.image);
      if (imageOs && imageOs !== p.os) {
        report({ messageId: "mismatch", range, data: { image: stage.image.raw, imageOs, os: p.os } });
      }
    }
  },
});
