import type { ImageRef } from "../model/imageRef";

import { baseImageEntry, type BaseImageEntry, type BaseImageFacts } from "./baseImages";

/**
 * What we know about a base image without pulling it. The booleans are the optimistic reading older rules use
 * (a tool is assumed present unless the knowledge table says otherwise); `known` holds the table's tri-state facts,
 * where a missing field means "unknown".
 */
export interface ImageFacts {
  /** `debian` (incl. slim and Ubuntu), `alpine`, `distroless`, `hardened` (dhi.io, Chainguard), `scratch`, or `unknown`. */
  family: "debian" | "alpine" | "distroless" | "hardened" | "scratch" | "unknown";
  /** A trimmed variant (`-slim`, distroless, hardened runtime, alpine). */
  minimal: boolean;
  /** `/bin/sh` exists (true unless known otherwise). Hardened runtime and distroless images have none. */
  hasShell: boolean;
  /** curl is on PATH (true unless known otherwise). */
  hasCurl: boolean;
  /** wget is on PATH (true unless known otherwise). */
  hasWget: boolean;
  /** The image is known to run as a non-root user (distroless `:nonroot`, hardened runtime, vendor images). */
  defaultNonRoot: boolean;
  packageManager: "apt" | "apk" | "dnf" | "none" | "unknown";
  /** Images that ship a language toolchain meant for building (`-dev` hardened images, full `python:3.x`). */
  isBuildImage: boolean;
  /** Facts from the knowledge table (or `.shipshape.json`); a missing field is unknown. */
  known: BaseImageFacts;
  /** Where `known` comes from, when the image is in the table. */
  source?: string;
}

const HARDENED_REGISTRIES = ["dhi.io", "cgr.dev", "docker.io/dhi"];

export function isHardenedImage(ref: ImageRef): boolean {
  return (
    HARDENED_REGISTRIES.some((r) => ref.registry === r || ref.raw.startsWith(r + "/")) ||
    ref.path.startsWith("dhi/") ||
    ref.path.startsWith("chainguard/")
  );
}

function isRootName(user: string): boolean {
  const name = user.split(":")[0]?.trim().toLowerCase() ?? "";
  return name === "root" || name === "0";
}

/** Facts for a reference: the table entry (user-defined ones first), else a family guessed from the tag with every tool unknown. */
export function imageFacts(ref: ImageRef, extra: readonly BaseImageEntry[] = []): ImageFacts {
  const tag = (ref.tag ?? "").toLowerCase();
  const name = ref.name.toLowerCase();
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
      known: { family: "scratch", user: "root", shell: false, curl: false, wget: "none", packageManager: "none", libc: "none" },
      source: "scratch is an empty filesystem",
    };
  }
  const entry = ref.hasVariables ? undefined : baseImageEntry(ref, extra);
  if (entry) {
    const k = entry.facts;
    const family: ImageFacts["family"] =
      k.family === "debian" || k.family === "alpine" || k.family === "distroless" || k.family === "hardened" || k.family === "scratch"
        ? k.family
        : k.family === "wolfi"
          ? "hardened"
          : "unknown";
    const pm = k.packageManager;
    return {
      family,
      minimal:
        /slim/.test(tag) ||
        k.family === "alpine" ||
        k.family === "distroless" ||
        k.family === "scratch" ||
        (k.shell === false && !k.buildTools),
      hasShell: k.shell ?? true,
      hasCurl: k.curl ?? true,
      hasWget: k.wget === undefined ? true : k.wget !== "none",
      defaultNonRoot: k.user !== undefined && !isRootName(k.user),
      packageManager: pm === undefined ? "unknown" : pm === "apt" || pm === "apk" || pm === "none" ? pm : "dnf",
      isBuildImage: k.buildTools === true,
      known: k,
      source: entry.source,
    };
  }
  // not in the table: guess the family from the name or tag (for mirrors, `myorg/base:bookworm`), know no tools
  const unknownTools = { hasShell: true, hasCurl: true, hasWget: true, defaultNonRoot: false, isBuildImage: false };
  if (tag.includes("alpine") || name === "alpine")
    return { family: "alpine", minimal: true, packageManager: "apk", ...unknownTools, known: {} };
  if (/slim/.test(tag) || /bookworm|bullseye|trixie|buster|jammy|noble|focal/.test(tag))
    return { family: "debian", minimal: /slim/.test(tag), packageManager: "apt", ...unknownTools, known: {} };
  return { family: "unknown", minimal: false, packageManager: "unknown", ...unknownTools, known: {} };
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

/**
 * True when the knowledge table (or the user's `.shipshape.json` images) describes the image, so a tool it does
 * not list as present can be reported missing. Vendor images outside the table often add their own tools.
 */
export function hasKnownContents(ref: ImageRef, extra: readonly BaseImageEntry[] = []): boolean {
  return imageFacts(ref, extra).source !== undefined;
}
