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

/** The language runtime an image ships, when its name says so (`python`, `node`, hardened and uv variants). */
export function imageLanguage(ref: ImageRef): "python" | "node" | undefined {
  const name = ref.name.toLowerCase();
  const tag = (ref.tag ?? "").toLowerCase();
  if (/^(python|pypy)$/.test(name) || (name === "uv" && /python/.test(tag))) return "python";
  if (name === "node" || name === "bun" || name === "deno") return "node";
  return undefined;
}

/**
 * A current, maintained tag for well-known images: what an unpinned reference can be pinned to.
 * Kept deliberately short; a wrong guess is worse than none.
 */
export const RECOMMENDED_TAGS: Readonly<Record<string, string>> = {
  python: "3.13",
  node: "22",
  "astral-sh/uv": "0.8",
  nginx: "1.27",
  postgres: "17",
  redis: "7.4",
  alpine: "3.22",
  debian: "trixie",
  ubuntu: "24.04",
  golang: "1.24",
};

/** Tag that pins an unpinned reference, or undefined when we do not know one. */
export function recommendedTag(ref: ImageRef): string | undefined {
  return RECOMMENDED_TAGS[ref.path.toLowerCase()];
}

/** Default prefix for hardened images (Docker Hardened Images). */
export const DEFAULT_HARDENED_REGISTRY = "dhi.io";

/**
 * The hardened runtime equivalent of a Docker Hub image (`python:3.13-slim` -> `dhi.io/python:3.13-debian13`),
 * or undefined when we know none. `registry` is the prefix, e.g. `dhi.io` or `registry.example.com/dhi`.
 */
export function hardenedEquivalent(ref: ImageRef, registry: string = DEFAULT_HARDENED_REGISTRY, dev = false): string | undefined {
  if (isHardenedImage(ref) || ref.registry !== undefined) return undefined;
  const name = ref.name.toLowerCase();
  if (ref.path.includes("/")) return undefined;
  const tag = (ref.tag ?? "").toLowerCase();
  const version = /^(\d+(?:\.\d+)?)/.exec(tag)?.[1];
  if (!version || !["python", "node", "postgres", "redis", "nginx"].includes(name)) return undefined;
  const flavour = tag.includes("alpine") ? "alpine3.22" : "debian13";
  const prefix = registry.replace(/\/+$/, "");
  return `${prefix}/${name}:${version}-${flavour}${dev ? "-dev" : ""}`;
}

const DEBIAN_CODENAME = /^(.*?)(?:-)?(bookworm|bullseye|buster|trixie)$/;

/** `3.13` -> `3.13-slim`, `3.13-bookworm` -> `3.13-slim-bookworm`; undefined for tags we do not understand. */
export function slimTag(tag: string): string | undefined {
  if (/slim|alpine|windows|nanoserver/.test(tag)) return undefined;
  const m = DEBIAN_CODENAME.exec(tag);
  if (m) return m[1] ? `${m[1]}-slim-${m[2]}` : `slim-${m[2]}`;
  if (/^\d+(\.\d+){0,2}$/.test(tag)) return `${tag}-slim`;
  return undefined;
}

/** Images whose contents we know well enough to say a tool is missing (official language and OS images, hardened, distroless). */
const KNOWN_CONTENTS = new Set([
  "python",
  "pypy",
  "node",
  "ruby",
  "golang",
  "rust",
  "openjdk",
  "eclipse-temurin",
  "debian",
  "ubuntu",
  "alpine",
  "buildpack-deps",
  "php",
  "perl",
  "postgres",
  "redis",
  "uv",
]);

/**
 * True when `imageFacts` can be trusted to say a program is absent. Vendor images built on Alpine or Debian
 * often add their own tools (nginx ships curl), so for them a missing tool is not certain.
 */
export function hasKnownContents(ref: ImageRef): boolean {
  if (ref.isScratch || isHardenedImage(ref) || (ref.registry === "gcr.io" && ref.path.startsWith("distroless/"))) return true;
  const name = ref.name.toLowerCase();
  if (name === "uv") return /astral-sh\/uv$/.test(ref.path);
  return KNOWN_CONTENTS.has(name) && (ref.registry === undefined || ref.registry === "docker.io" || ref.path.startsWith("library/"));
}
