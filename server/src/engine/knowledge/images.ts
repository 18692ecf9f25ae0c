import type { ImageRef } from "../model/imageRef";

/** What we know about a base image without pulling it. */
export interface ImageFacts {
  /** `debian` (incl. slim and Ubuntu), `alpine`, `distroless`, `hardened` (dhi.io, Chainguard), `scratch`, or `unknown`. */
  family: "debian" | "alpine" | "distroless" | "hardened" | "scratch" | "unknown";
  /** A trimmed variant (`-slim`, distroless, hardened runtime, alpine). */
  minimal: boolean;
  /** `/bin/sh` exists. Hardened runtime and distroless images have none. */
  hasShell: boolean;
  hasCurl: boolean;
  hasWget: boolean;
  /** The image already runs as a non-root user (distroless `:nonroot`, hardened runtime, some vendor images). */
  defaultNonRoot: boolean;
  packageManager: "apt" | "apk" | "dnf" | "none" | "unknown";
  /** Images that ship a language toolchain meant for building (`-dev` hardened images, full `python:3.x`). */
  isBuildImage: boolean;
}

const HARDENED_REGISTRIES = ["dhi.io", "cgr.dev", "docker.io/dhi"];

export function isHardenedImage(ref: ImageRef): boolean {
  return (
    HARDENED_REGISTRIES.some((r) => ref.registry === r || ref.raw.startsWith(r + "/")) ||
    ref.path.startsWith("dhi/") ||
    ref.path.startsWith("chainguard/")
  );
}

export function imageFacts(ref: ImageRef): ImageFacts {
  const tag = (ref.tag ?? "").toLowerCase();
  const name = ref.name.toLowerCase();
  const path = ref.path.toLowerCase();
  if (ref.isScratch) {
    return {
      family: "scratch",
      minimal: true,
      hasShell: false,
      hasCurl: false,
      hasWget: false,
      defaultNonRoot: false,
      packageManager: "none",
      isBuildImage: false,
    };
  }
  if (isHardenedImage(ref)) {
    const dev = /(^|-)dev(-|$)/.test(tag) || tag.includes("-sdk");
    return {
      family: "hardened",
      minimal: !dev,
      hasShell: dev,
      hasCurl: false,
      hasWget: false,
      defaultNonRoot: !dev,
      packageManager: dev ? (tag.includes("alpine") ? "apk" : "apt") : "none",
      isBuildImage: dev,
    };
  }
  if (ref.registry === "gcr.io" && path.startsWith("distroless/")) {
    const debug = tag.includes("debug");
    return {
      family: "distroless",
      minimal: true,
      hasShell: debug,
      hasCurl: false,
      hasWget: debug,
      defaultNonRoot: tag.includes("nonroot"),
      packageManager: "none",
      isBuildImage: false,
    };
  }
  const alpine = tag.includes("alpine") || name === "alpine";
  if (alpine) {
    // busybox provides wget (and sh) on Alpine; curl is not installed
    return {
      family: "alpine",
      minimal: true,
      hasShell: true,
      hasCurl: name === "curlimages/curl",
      hasWget: true,
      defaultNonRoot: false,
      packageManager: "apk",
      isBuildImage: false,
    };
  }
  const slim = /slim/.test(tag);
  const knownDebian = [
    "python",
    "node",
    "ruby",
    "golang",
    "rust",
    "openjdk",
    "eclipse-temurin",
    "debian",
    "ubuntu",
    "buildpack-deps",
    "php",
    "perl",
  ].includes(name);
  if (knownDebian || slim || /bookworm|bullseye|trixie|buster|jammy|noble|focal/.test(tag)) {
    // the full language images are built on buildpack-deps, which ships curl and wget; slim ones ship neither
    const full = !slim && ["python", "node", "ruby", "golang", "rust", "buildpack-deps", "php", "perl", "openjdk"].includes(name);
    return {
      family: "debian",
      minimal: slim,
      hasShell: true,
      hasCurl: full,
      hasWget: full,
      defaultNonRoot: false,
      packageManager: "apt",
      isBuildImage: full,
    };
  }
  return {
    family: "unknown",
    minimal: false,
    hasShell: true,
    hasCurl: true,
    hasWget: true,
    defaultNonRoot: false,
    packageManager: "unknown",
    isBuildImage: false,
  };
}
