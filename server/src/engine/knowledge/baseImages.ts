/**
 * What well-known base images contain, written down once, offline. Every entry names where its facts come from
 * (the image's published Dockerfile or its documentation). A fact left out is unknown, and rules that need it stay
 * quiet: an entry only states what its source shows.
 *
 * Users describe their own base images in `.shipshape.json` under `"images"` with the same fields (see
 * `userImageEntries`); those entries are consulted before this table.
 */
import { escapeRegExp } from "../regex";

export type PackageManager = "apt" | "apk" | "dnf" | "microdnf" | "yum" | "zypper" | "none";
export type Libc = "glibc" | "musl" | "none";
export type WgetKind = "gnu" | "busybox" | "none";
export type ImageFamily = "debian" | "alpine" | "rhel" | "wolfi" | "distroless" | "hardened" | "scratch" | "busybox";

/** Facts about one image; a missing field means "not known". */
export interface BaseImageFacts {
  family?: ImageFamily;
  /** The user the image runs as when the Dockerfile sets no USER (`root` when the image sets none). */
  user?: string;
  /** `/bin/sh` exists. */
  shell?: boolean;
  curl?: boolean;
  /** Which `wget` is on PATH: GNU wget, BusyBox's applet (fewer options), or none. */
  wget?: WgetKind;
  packageManager?: PackageManager;
  libc?: Libc;
  /** The language runtime or server the image ships (`python`, `node`, `go`, `rust`, `java`, `nginx` …). */
  runtime?: string;
  /**
   * The runtime's own package installer (pip for `python`, npm for `node`) is on PATH. Unset means it comes with
   * the runtime; hardened runtime variants leave it out.
   */
  installer?: boolean;
  /** A full toolchain for building (compilers, headers): buildpack-deps based images, `-dev` hardened images. */
  buildTools?: boolean;
  /** ENV the image sets that matters to rules (PATH, cache folders …). */
  env?: Record<string, string>;
  /** Ports the image EXPOSEs. */
  ports?: number[];
}

export interface BaseImageEntry {
  /** Short label for hovers and tests. */
  label: string;
  /** Registries the entry applies to; undefined means Docker Hub (no registry, `docker.io`, `index.docker.io`). */
  registries?: string[];
  /** Repository path (without registry, `library/` removed). */
  path: RegExp;
  /** Tag pattern; undefined matches any tag (and no tag). */
  tag?: RegExp;
  facts: BaseImageFacts;
  /** Where the facts come from. */
  source: string;
}

const DEBIAN_ROOT: BaseImageFacts = { family: "debian", user: "root", shell: true, packageManager: "apt", libc: "glibc" };
const ALPINE_ROOT: BaseImageFacts = {
  family: "alpine",
  user: "root",
  shell: true,
  packageManager: "apk",
  libc: "musl",
  wget: "busybox",
  curl: false,
};
/** buildpack-deps (the base of the full python/node/golang/rust/ruby images) ships curl, GNU wget, git and compilers. */
const BUILDPACK: BaseImageFacts = { ...DEBIAN_ROOT, curl: true, wget: "gnu", buildTools: true };
const SLIM: BaseImageFacts = { ...DEBIAN_ROOT, curl: false, wget: "none" };
const NONE_SHELL: BaseImageFacts = { shell: false, curl: false, wget: "none", packageManager: "none" };

const ALPINE_TAG = /(^|-)alpine/;
const SLIM_TAG = /(^|-)slim(-|$)/;

const DL = "https://github.com/docker-library";
const PYTHON_ENV = { PATH: "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8" };
const GO_ENV = { GOPATH: "/go", PATH: "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
const RUST_ENV = {
  RUSTUP_HOME: "/usr/local/rustup",
  CARGO_HOME: "/usr/local/cargo",
  PATH: "/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
};

/** Tags of the four kinds of variant: -dev/-sdk or runtime, on Alpine (the tag says so) or Debian (every other tag). */
const DHI_VARIANTS: readonly { dev: boolean; alpine: boolean; tag: RegExp }[] = [
  { dev: true, alpine: true, tag: /^(?=.*(^|-)(dev|sdk)(-|$))(?=.*(^|-)alpine)/ },
  { dev: true, alpine: false, tag: /^(?=.*(^|-)(dev|sdk)(-|$))(?!.*(^|-)alpine)/ },
  { dev: false, alpine: true, tag: /^(?!.*(^|-)(dev|sdk)(-|$))(?=.*(^|-)alpine)/ },
  { dev: false, alpine: false, tag: /^(?!.*(^|-)(dev|sdk)(-|$))(?!.*(^|-)alpine)/ },
];
const DHI_SOURCE =
  "https://docs.docker.com/dhi/ (runtime variants: nonroot, no shell or package manager; dev/sdk variants: root, a shell, apt or apk)";

/**
 * The Docker Hardened Images of one language runtime, on dhi.io and on Docker Hub's `dhi/` namespace: -dev/-sdk
 * build variants (root, a shell, the distribution's package manager, the runtime with its installer and a compiler
 * toolchain) and runtime variants (nonroot, no shell, no package manager, the runtime without its installer), each
 * on Alpine (musl, apk) or Debian (glibc, apt). The practices use `dhi.io/python:3.13-debian13-dev` to build and
 * `dhi.io/python:3.13-debian13` ("no compilers, no pip") to run.
 */
function hardenedRuntime(name: string, runtime: string): BaseImageEntry[] {
  const out: BaseImageEntry[] = [];
  const path = escapeRegExp(name);
  const where: { registries?: string[]; path: RegExp; label: string }[] = [
    { registries: ["dhi.io"], path: new RegExp("^" + path + "$"), label: `dhi.io/${name}` },
    { path: new RegExp("^dhi/" + path + "$"), label: `dhi/${name}` },
  ];
  for (const w of where) {
    for (const v of DHI_VARIANTS) {
      const distro: BaseImageFacts = v.alpine ? { libc: "musl", packageManager: "apk" } : { libc: "glibc", packageManager: "apt" };
      const facts: BaseImageFacts = v.dev
        ? { family: "hardened", user: "root", shell: true, runtime, buildTools: true, ...distro }
        : { family: "hardened", user: "nonroot", ...NONE_SHELL, runtime, installer: false, libc: distro.libc };
      out.push({
        label: `Docker Hardened Image ${w.label}, ${v.dev ? "-dev/-sdk" : "runtime"} variant on ${v.alpine ? "Alpine" : "Debian"}`,
        ...(w.registries ? { registries: w.registries } : {}),
        path: w.path,
        tag: v.tag,
        facts,
        source: DHI_SOURCE,
      });
    }
  }
  return out;
}

/** Ordered: the first entry that matches a reference wins, so specific variants come before the general one. */
export const BASE_IMAGES: readonly BaseImageEntry[] = [
  // --- Docker Hardened Images of language runtimes (the practices' python and node), then the rest
  ...hardenedRuntime("python", "python"),
  ...hardenedRuntime("node", "node"),
  // the practices' database: a postgres server; whether its runtime variant has a shell is not documented there
  {
    label: "Docker Hardened Image dhi.io/postgres",
    registries: ["dhi.io"],
    path: /^postgres$/,
    tag: /(^|-)alpine/,
    facts: { family: "hardened", runtime: "postgres", libc: "musl" },
    source: "https://docs.docker.com/dhi/ (practice 000 runs dhi.io/postgres:17-alpine3.22 as the Dagster database)",
  },
  {
    label: "Docker Hardened Image dhi.io/postgres",
    registries: ["dhi.io"],
    path: /^postgres$/,
    facts: { family: "hardened", runtime: "postgres" },
    source: "https://docs.docker.com/dhi/ (practice 000 runs dhi.io/postgres as the Dagster database)",
  },
  // --- Docker Hardened Images: runtime variants run as nonroot with no shell; -dev variants add a shell and the package manager
  {
    label: "Docker Hardened Image, -dev/-sdk variant",
    registries: ["dhi.io"],
    path: /./,
    tag: /(^|-)(dev|sdk)(-|$)/,
    facts: { family: "hardened", user: "root", shell: true, buildTools: true },
    source: "https://docs.docker.com/dhi/ (runtime vs. development variants)",
  },
  {
    label: "Docker Hardened Image, runtime variant",
    registries: ["dhi.io"],
    path: /./,
    facts: { family: "hardened", user: "nonroot", ...NONE_SHELL },
    source: "https://docs.docker.com/dhi/ (runtime variants: non-root user, no shell, no package manager)",
  },
  {
    label: "Docker Hardened Image (docker.io/dhi), -dev variant",
    path: /^dhi\//,
    tag: /(^|-)(dev|sdk)(-|$)/,
    facts: { family: "hardened", user: "root", shell: true, buildTools: true },
    source: "https://docs.docker.com/dhi/",
  },
  {
    label: "Docker Hardened Image (docker.io/dhi), runtime variant",
    path: /^dhi\//,
    facts: { family: "hardened", user: "nonroot", ...NONE_SHELL },
    source: "https://docs.docker.com/dhi/",
  },
  // --- Chainguard (Wolfi): runtime images nonroot without shell; -dev images add a shell (BusyBox) and apk
  {
    label: "Chainguard image, -dev variant",
    registries: ["cgr.dev"],
    path: /./,
    tag: /(^|-)dev(-|$)/,
    facts: { family: "wolfi", shell: true, packageManager: "apk", libc: "glibc", wget: "busybox" },
    source: "https://edu.chainguard.dev/chainguard/chainguard-images/ (development variants include a shell and apk)",
  },
  {
    label: "Chainguard image",
    registries: ["cgr.dev"],
    path: /./,
    facts: { family: "wolfi", user: "nonroot", ...NONE_SHELL, libc: "glibc" },
    source: "https://edu.chainguard.dev/chainguard/chainguard-images/ (runtime images: non-root, no shell)",
  },
  {
    label: "Chainguard image on Docker Hub, -dev variant",
    path: /^chainguard\//,
    tag: /(^|-)dev(-|$)/,
    facts: { family: "wolfi", shell: true, packageManager: "apk", libc: "glibc", wget: "busybox" },
    source: "https://edu.chainguard.dev/chainguard/chainguard-images/",
  },
  {
    label: "Chainguard image on Docker Hub",
    path: /^chainguard\//,
    facts: { family: "wolfi", user: "nonroot", ...NONE_SHELL, libc: "glibc" },
    source: "https://edu.chainguard.dev/chainguard/chainguard-images/",
  },
  // --- distroless
  {
    label: "distroless :debug",
    registries: ["gcr.io"],
    path: /^distroless\//,
    tag: /debug/,
    facts: { family: "distroless", user: "root", shell: true, curl: false, wget: "busybox", packageManager: "none" },
    source: "https://github.com/GoogleContainerTools/distroless (debug images add a BusyBox shell)",
  },
  {
    label: "distroless :nonroot",
    registries: ["gcr.io"],
    path: /^distroless\//,
    tag: /nonroot/,
    facts: { family: "distroless", user: "nonroot", ...NONE_SHELL },
    source: "https://github.com/GoogleContainerTools/distroless (nonroot tags run as uid 65532)",
  },
  {
    label: "distroless",
    registries: ["gcr.io"],
    path: /^distroless\//,
    facts: { family: "distroless", user: "root", ...NONE_SHELL },
    source: "https://github.com/GoogleContainerTools/distroless",
  },
  // --- Red Hat UBI
  {
    label: "Red Hat UBI micro",
    registries: ["registry.access.redhat.com", "registry.redhat.io"],
    path: /(^|\/)ubi\d*-micro$|^ubi\d+\/ubi-micro$/,
    facts: { family: "rhel", user: "root", packageManager: "none", libc: "glibc" },
    source: "https://catalog.redhat.com/software/base-images (ubi-micro has no package manager)",
  },
  {
    label: "Red Hat UBI minimal",
    registries: ["registry.access.redhat.com", "registry.redhat.io"],
    path: /(^|\/)ubi\d*-minimal$|^ubi\d+\/ubi-minimal$/,
    facts: { family: "rhel", user: "root", shell: true, packageManager: "microdnf", libc: "glibc", wget: "none" },
    source: "https://catalog.redhat.com/software/base-images (ubi-minimal: microdnf instead of dnf/yum)",
  },
  {
    label: "Red Hat UBI",
    registries: ["registry.access.redhat.com", "registry.redhat.io"],
    path: /(^|\/)ubi\d*$|^ubi\d+\/ubi$/,
    facts: { family: "rhel", user: "root", shell: true, packageManager: "dnf", libc: "glibc", wget: "none" },
    source: "https://catalog.redhat.com/software/base-images (standard UBI: dnf/yum)",
  },
  // --- astral-sh/uv: the bare tags are scratch plus the uv binary; the derived tags sit on Debian slim or Alpine
  {
    label: "uv on Alpine",
    registries: ["ghcr.io"],
    path: /^astral-sh\/uv$/,
    tag: /alpine/,
    facts: ALPINE_ROOT,
    source: "https://docs.astral.sh/uv/guides/integration/docker/ (available images)",
  },
  {
    label: "uv on Debian",
    registries: ["ghcr.io"],
    path: /^astral-sh\/uv$/,
    tag: /bookworm|trixie|bullseye|debian/,
    facts: { ...DEBIAN_ROOT, wget: "none", env: { UV_LINK_MODE: "copy" } },
    source: "https://docs.astral.sh/uv/guides/integration/docker/ (available images)",
  },
  {
    label: "uv (binary only)",
    registries: ["ghcr.io"],
    path: /^astral-sh\/uv$/,
    facts: { family: "scratch", user: "root", ...NONE_SHELL, libc: "none" },
    source: "https://docs.astral.sh/uv/guides/integration/docker/ (the distroless image holds only uv and uvx)",
  },
  // --- official language images
  {
    label: "python -alpine",
    path: /^python$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "python", env: PYTHON_ENV },
    source: `${DL}/python (alpine Dockerfile: FROM alpine, no curl)`,
  },
  {
    label: "python -slim",
    path: /^python$/,
    tag: SLIM_TAG,
    facts: { ...SLIM, runtime: "python", env: PYTHON_ENV },
    source: `${DL}/python (slim Dockerfile: wget installed for the download and purged)`,
  },
  {
    label: "python (full)",
    path: /^python$/,
    facts: { ...BUILDPACK, runtime: "python", env: PYTHON_ENV },
    source: `${DL}/python (FROM buildpack-deps)`,
  },
  {
    label: "node -alpine",
    path: /^node$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "node" },
    source: "https://github.com/nodejs/docker-node (alpine Dockerfile: curl only in a virtual package that is deleted)",
  },
  {
    label: "node -slim",
    path: /^node$/,
    tag: SLIM_TAG,
    facts: { ...SLIM, runtime: "node" },
    source: "https://github.com/nodejs/docker-node (slim Dockerfile: curl and wget purged after use)",
  },
  {
    label: "node (full)",
    path: /^node$/,
    facts: { ...BUILDPACK, runtime: "node" },
    source: "https://github.com/nodejs/docker-node (FROM buildpack-deps)",
  },
  {
    label: "golang -alpine",
    path: /^golang$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "go", env: GO_ENV },
    source: `${DL}/golang (alpine Dockerfile)`,
  },
  {
    label: "golang",
    path: /^golang$/,
    facts: { ...BUILDPACK, runtime: "go", env: GO_ENV },
    source: `${DL}/golang (FROM buildpack-deps:*-scm)`,
  },
  {
    label: "rust -alpine",
    path: /^rust$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "rust", env: RUST_ENV },
    source: "https://github.com/rust-lang/docker-rust (alpine Dockerfile)",
  },
  {
    label: "rust -slim",
    path: /^rust$/,
    tag: SLIM_TAG,
    facts: { ...DEBIAN_ROOT, curl: false, runtime: "rust", env: RUST_ENV },
    source: "https://github.com/rust-lang/docker-rust (slim Dockerfile)",
  },
  {
    label: "rust",
    path: /^rust$/,
    facts: { ...BUILDPACK, runtime: "rust", env: RUST_ENV },
    source: "https://github.com/rust-lang/docker-rust (FROM buildpack-deps)",
  },
  {
    label: "eclipse-temurin -alpine",
    path: /^eclipse-temurin$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, curl: undefined, runtime: "java" },
    source: "https://github.com/adoptium/containers (alpine Dockerfiles)",
  },
  {
    label: "eclipse-temurin",
    path: /^eclipse-temurin$/,
    facts: { family: "debian", user: "root", shell: true, packageManager: "apt", libc: "glibc", runtime: "java" },
    source: "https://github.com/adoptium/containers (Ubuntu-based Dockerfiles)",
  },
  {
    label: "buildpack-deps",
    path: /^buildpack-deps$/,
    facts: BUILDPACK,
    source: `${DL}/buildpack-deps`,
  },
  // --- official OS images
  {
    label: "alpine",
    path: /^alpine$/,
    facts: ALPINE_ROOT,
    source: "https://github.com/alpinelinux/docker-alpine (BusyBox provides sh and wget; no curl)",
  },
  {
    label: "debian",
    path: /^debian$/,
    facts: SLIM,
    source: "https://github.com/debuerreotype/docker-debian-artifacts (minbase: neither curl nor wget)",
  },
  {
    label: "ubuntu",
    path: /^ubuntu$/,
    facts: SLIM,
    source: "https://git.launchpad.net/cloud-images/+oci/ubuntu-base (minimal rootfs: neither curl nor wget)",
  },
  {
    label: "busybox",
    path: /^busybox$/,
    facts: {
      family: "busybox",
      user: "root",
      shell: true,
      curl: false,
      wget: "busybox",
      packageManager: "none",
      libc: undefined,
    },
    source: `${DL}/busybox (a BusyBox rootfs; libc depends on the -glibc/-musl/-uclibc tag)`,
  },
  // --- official server images
  {
    label: "nginx -alpine-slim",
    path: /^nginx$/,
    tag: /alpine-slim/,
    facts: { ...ALPINE_ROOT, runtime: "nginx", ports: [80] },
    source: "https://github.com/nginx/docker-nginx (alpine-slim Dockerfile: no curl)",
  },
  {
    label: "nginx -alpine",
    path: /^nginx$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, curl: true, runtime: "nginx", ports: [80] },
    source: "https://github.com/nginx/docker-nginx (alpine Dockerfile ends with `apk add --no-cache curl ca-certificates`)",
  },
  {
    label: "nginx",
    path: /^nginx$/,
    facts: { ...DEBIAN_ROOT, curl: true, runtime: "nginx", ports: [80] },
    source: "https://github.com/nginx/docker-nginx (debian Dockerfile keeps curl installed)",
  },
  {
    label: "nginx-unprivileged -alpine-slim",
    path: /^nginxinc\/nginx-unprivileged$/,
    tag: /alpine-slim/,
    facts: { ...ALPINE_ROOT, user: "101", runtime: "nginx", ports: [8080] },
    source: "https://github.com/nginxinc/docker-nginx-unprivileged (USER $UID, 101 by default; listens on 8080)",
  },
  {
    label: "nginx-unprivileged -alpine",
    path: /^nginxinc\/nginx-unprivileged$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, user: "101", curl: true, runtime: "nginx", ports: [8080] },
    source: "https://github.com/nginxinc/docker-nginx-unprivileged (alpine template adds curl; USER $UID)",
  },
  {
    label: "nginx-unprivileged",
    path: /^nginxinc\/nginx-unprivileged$/,
    facts: { ...DEBIAN_ROOT, user: "101", curl: true, runtime: "nginx", ports: [8080] },
    source: "https://github.com/nginxinc/docker-nginx-unprivileged (USER $UID, 101 by default)",
  },
  {
    label: "postgres -alpine",
    path: /^postgres$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "postgres", ports: [5432], env: { PGDATA: "/var/lib/postgresql/data" } },
    source: `${DL}/postgres (alpine Dockerfile; the entrypoint drops to the postgres user)`,
  },
  {
    label: "postgres",
    path: /^postgres$/,
    facts: { ...SLIM, runtime: "postgres", ports: [5432], env: { PGDATA: "/var/lib/postgresql/data" } },
    source: `${DL}/postgres (FROM debian:*-slim; wget installed for gosu and purged)`,
  },
  {
    label: "redis -alpine",
    path: /^redis$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "redis", ports: [6379] },
    source: `${DL}/redis (alpine Dockerfile)`,
  },
  {
    label: "redis",
    path: /^redis$/,
    facts: { ...SLIM, runtime: "redis", ports: [6379] },
    source: `${DL}/redis (FROM debian:*-slim; wget purged after the build)`,
  },
  {
    label: "httpd -alpine",
    path: /^httpd$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, runtime: "httpd", ports: [80] },
    source: `${DL}/httpd (alpine Dockerfile)`,
  },
  {
    label: "httpd",
    path: /^httpd$/,
    facts: { ...DEBIAN_ROOT, runtime: "httpd", ports: [80] },
    source: `${DL}/httpd (FROM debian:*-slim)`,
  },
  {
    label: "traefik",
    path: /^traefik$/,
    facts: { ...ALPINE_ROOT, runtime: "traefik", ports: [80] },
    source: "https://github.com/traefik/traefik-library-image (FROM alpine)",
  },
  // --- vendor images
  {
    label: "jenkins -alpine",
    path: /^jenkins\/jenkins$/,
    tag: ALPINE_TAG,
    facts: { ...ALPINE_ROOT, user: "jenkins", curl: true, runtime: "java", ports: [8080, 50000] },
    source: "https://github.com/jenkinsci/docker (alpine Dockerfile: installs curl, ends with USER ${user}=jenkins)",
  },
  {
    label: "jenkins",
    path: /^jenkins\/(jenkins|inbound-agent|agent|ssh-agent)$/,
    facts: { ...DEBIAN_ROOT, user: "jenkins", curl: true, runtime: "java" },
    source: "https://github.com/jenkinsci/docker (debian Dockerfile: installs curl, ends with USER ${user}=jenkins)",
  },
  {
    label: "bitnami",
    path: /^bitnami\//,
    facts: { family: "debian", user: "1001", shell: true, packageManager: "apt", libc: "glibc" },
    source: "https://docs.bitnami.com/kubernetes/faq/configuration/use-non-root/ (non-root containers run as uid 1001)",
  },
];

const HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export interface ImageLike {
  registry?: string;
  path: string;
  tag?: string;
}

function registryMatches(entry: BaseImageEntry, registry: string | undefined): boolean {
  const r = registry?.toLowerCase();
  if (!entry.registries) return r === undefined || HUB.has(r);
  return r !== undefined && entry.registries.includes(r);
}

/** The table entry for an image reference, or undefined when the image is not in the table. */
export function baseImageEntry(ref: ImageLike, extra: readonly BaseImageEntry[] = []): BaseImageEntry | undefined {
  const path = ref.path.toLowerCase();
  const tag = (ref.tag ?? "").toLowerCase();
  for (const list of [extra, BASE_IMAGES]) {
    for (const e of list) {
      if (!registryMatches(e, ref.registry) || !e.path.test(path)) continue;
      if (e.tag && !e.tag.test(tag)) continue;
      return e;
    }
  }
  return undefined;
}

/**
 * Entries from `.shipshape.json` `"images"`: `{ "registry.example.com/base/python": { "user": "app", "curl": false } }`.
 * The key is a reference without tag (matching every tag) or with one (matching that tag only). Unknown fields
 * and wrongly typed values are dropped, so a typo cannot invent a fact.
 */
export function userImageEntries(images: Record<string, unknown> | undefined): BaseImageEntry[] {
  const out: BaseImageEntry[] = [];
  for (const [key, raw] of Object.entries(images ?? {})) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) continue;
    const v = raw as Record<string, unknown>;
    const m = /^(?:([^/]+\.[^/]+|localhost(?::\d+)?)\/)?([^:@]+)(?::([^@]+))?$/.exec(key.trim().toLowerCase());
    if (!m) continue;
    const path = (m[2] as string).replace(/^library\//, "");
    const facts: BaseImageFacts = {};
    if (typeof v.user === "string") facts.user = v.user;
    if (typeof v.shell === "boolean") facts.shell = v.shell;
    if (typeof v.curl === "boolean") facts.curl = v.curl;
    if (v.wget === "gnu" || v.wget === "busybox" || v.wget === "none") facts.wget = v.wget;
    if (typeof v.packageManager === "string" && ["apt", "apk", "dnf", "microdnf", "yum", "zypper", "none"].includes(v.packageManager))
      facts.packageManager = v.packageManager as PackageManager;
    if (v.libc === "glibc" || v.libc === "musl" || v.libc === "none") facts.libc = v.libc;
    if (typeof v.runtime === "string") facts.runtime = v.runtime;
    if (typeof v.installer === "boolean") facts.installer = v.installer;
    if (typeof v.env === "object" && v.env !== null && !Array.isArray(v.env)) {
      facts.env = {};
      for (const [k, val] of Object.entries(v.env as Record<string, unknown>)) if (typeof val === "string") facts.env[k] = val;
    }
    out.push({
      label: key,
      registries: m[1] ? [m[1]] : undefined,
      path: new RegExp(`^${escapeRegExp(path)}$`),
      tag: m[3] ? new RegExp(`^${escapeRegExp(m[3])}$`) : undefined,
      facts,
      source: ".shipshape.json images",
    });
  }
  return out;
}
