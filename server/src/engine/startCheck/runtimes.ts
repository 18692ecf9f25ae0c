/**
 * What the start check needs to know about a base image beyond the image model's facts: where its language
 * runtime lives (the interpreter a virtualenv links to, the site-packages folder), which programs are on its
 * PATH, and the ENTRYPOINT it sets. Only images whose published Dockerfile or documentation says so are listed;
 * for every other image these facts are unknown and the checks that need them answer "unknown".
 */
import type { ImageRef } from "../model/imageRef";

export interface PythonRuntime {
  /**
   * Which build of Python this is: two images with the same key and version put the interpreter at the same
   * path, so a virtualenv made on one works on the other.
   */
  key: "python-official" | "debian" | "hardened";
  /** `3.13`; undefined when the tag does not say. */
  version: string | undefined;
  /** The interpreter's absolute path, when known. */
  exe: string | undefined;
  /** The system site-packages folder (where `pip install` without a virtualenv writes). */
  site: string | undefined;
}

export interface RuntimeFacts {
  python?: PythonRuntime;
  /** Programs on the image's PATH (by name) besides the shell tools the image model tracks. */
  programs: string[];
  /** Absolute paths of programs the image ships. */
  paths: string[];
  /** The image's ENTRYPOINT; `[]` when it sets none; undefined when unknown. */
  entrypoint: string[] | undefined;
  /** The facts come from a listed image (a program missing from `programs` is then really missing). */
  known: boolean;
  /** Default PATH. */
  path: string;
  /** Every user in the image's /etc/passwd, when known (a USER naming another one cannot start). */
  users?: readonly string[];
}

/** Debian's base-passwd users (fixed by the package), as in debian, debian-slim and the images built on them. */
const DEBIAN_USERS = [
  "root",
  "daemon",
  "bin",
  "sys",
  "sync",
  "games",
  "man",
  "lp",
  "mail",
  "news",
  "uucp",
  "proxy",
  "www-data",
  "backup",
  "list",
  "irc",
  "gnats",
  "_apt",
  "nobody",
];
/** Alpine's /etc/passwd (alpine-baselayout). */
const ALPINE_USERS = [
  "root",
  "bin",
  "daemon",
  "adm",
  "lp",
  "sync",
  "shutdown",
  "halt",
  "mail",
  "news",
  "uucp",
  "operator",
  "man",
  "postmaster",
  "cron",
  "ftp",
  "sshd",
  "at",
  "squid",
  "xfs",
  "games",
  "cyrus",
  "vpopmail",
  "ntp",
  "smmsp",
  "guest",
  "nobody",
];

function usersFor(tag: string, extra: string[] = []): string[] {
  return [...(/alpine/.test(tag) ? ALPINE_USERS : DEBIAN_USERS), ...extra];
}

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const UNKNOWN: RuntimeFacts = { programs: [], paths: [], entrypoint: undefined, known: false, path: DEFAULT_PATH };

function minor(text: string | undefined): string | undefined {
  const m = /(?:^|[^0-9.])(3\.\d{1,2})(?![0-9])/.exec(`-${text ?? ""}`);
  return m?.[1];
}

function pythonPrograms(version: string | undefined): string[] {
  return ["python", "python3", "pip", "pip3", ...(version ? [`python${version}`, `pip${version}`] : [])];
}

/** Facts about a base image's runtime (see the module comment for the sources). */
export function runtimeFacts(ref: ImageRef): RuntimeFacts {
  if (ref.hasVariables) return UNKNOWN;
  if (ref.isScratch) return { programs: [], paths: [], entrypoint: [], known: true, path: DEFAULT_PATH };
  const registry = ref.registry?.toLowerCase();
  const hub = registry === undefined || registry === "docker.io" || registry === "index.docker.io";
  const path = ref.path.toLowerCase();
  const tag = (ref.tag ?? "latest").toLowerCase();
  // docker-library/python: CPython built into /usr/local; CMD ["python3"], no ENTRYPOINT
  if (hub && path === "python") {
    const version = minor(tag);
    return {
      python: {
        key: "python-official",
        version,
        exe: "/usr/local/bin/python3",
        site: version ? `/usr/local/lib/python${version}/site-packages` : undefined,
      },
      programs: pythonPrograms(version),
      paths: ["/usr/local/bin/python3", "/usr/local/bin/python"],
      entrypoint: [],
      known: true,
      path: DEFAULT_PATH,
      users: usersFor(tag),
    };
  }
  // astral-sh/uv's derived images are built FROM python:<v>-<distro>[-slim] and add uv and uvx to /usr/local/bin
  if (registry === "ghcr.io" && path === "astral-sh/uv" && /python3\.\d+/.test(tag)) {
    const version = minor(tag.replace(/^.*python/, ""));
    return {
      python: {
        key: "python-official",
        version,
        exe: "/usr/local/bin/python3",
        site: version ? `/usr/local/lib/python${version}/site-packages` : undefined,
      },
      programs: [...pythonPrograms(version), "uv", "uvx"],
      paths: ["/usr/local/bin/python3", "/usr/local/bin/uv", "/usr/local/bin/uvx"],
      entrypoint: [],
      known: true,
      path: DEFAULT_PATH,
      users: usersFor(tag),
    };
  }
  // GoogleContainerTools/distroless python3: Debian's python3 (3.11 on debian12, 3.13 on debian13), ENTRYPOINT python3
  if (registry === "gcr.io" && /^distroless\/python3(-debian\d+)?$/.test(path)) {
    const release = /debian(\d+)/.exec(path)?.[1] ?? "12";
    const version = release === "13" ? "3.13" : release === "12" ? "3.11" : undefined;
    return {
      python: { key: "debian", version, exe: "/usr/bin/python3", site: "/usr/lib/python3/dist-packages" },
      programs: ["python3", ...(version ? [`python${version}`] : [])],
      paths: ["/usr/bin/python3"],
      entrypoint: ["/usr/bin/python3"],
      known: true,
      path: DEFAULT_PATH,
    };
  }
  // distroless nodejs: node at /nodejs/bin/node and ENTRYPOINT ["/nodejs/bin/node"]; no npm
  if (registry === "gcr.io" && /^distroless\/nodejs\d*(-debian\d+)?$/.test(path)) {
    return { programs: [], paths: ["/nodejs/bin/node"], entrypoint: ["/nodejs/bin/node"], known: true, path: DEFAULT_PATH };
  }
  // docker-library/node: node, npm, npx, corepack in /usr/local/bin; docker-entrypoint.sh passes other commands through
  if (hub && path === "node") {
    return {
      programs: ["node", "npm", "npx", "corepack"],
      paths: ["/usr/local/bin/node"],
      entrypoint: [],
      known: true,
      path: DEFAULT_PATH,
      // docker-library/node creates the `node` user (uid 1000)
      users: usersFor(tag, ["node"]),
    };
  }
  // Docker Hardened Images for Python: CPython under /opt/python; runtime variants have python but no pip, -dev
  // variants add pip and a toolchain
  if ((registry === "dhi.io" && path === "python") || (hub && path === "dhi/python")) {
    const version = minor(tag);
    const dev = /(^|-)(dev|sdk)(-|$)/.test(tag);
    return {
      python: {
        key: "hardened",
        version,
        exe: "/opt/python/bin/python3",
        site: version ? `/opt/python/lib/python${version}/site-packages` : undefined,
      },
      programs: dev ? pythonPrograms(version) : ["python", "python3", ...(version ? [`python${version}`] : [])],
      paths: [],
      entrypoint: undefined,
      known: true,
      path: DEFAULT_PATH,
    };
  }
  if ((registry === "dhi.io" && path === "node") || (hub && path === "dhi/node")) {
    const dev = /(^|-)(dev|sdk)(-|$)/.test(tag);
    return {
      programs: dev ? ["node", "npm", "npx", "corepack"] : ["node"],
      paths: [],
      entrypoint: undefined,
      known: true,
      path: DEFAULT_PATH,
    };
  }
  if (hub && path === "postgres") {
    return { programs: ["postgres", "pg_isready", "psql"], paths: [], entrypoint: undefined, known: true, path: DEFAULT_PATH };
  }
  return UNKNOWN;
}

/** Python packages whose console scripts the checks know (distribution name -> scripts). */
export const CONSOLE_SCRIPTS: Readonly<Record<string, readonly string[]>> = {
  uvicorn: ["uvicorn"],
  gunicorn: ["gunicorn"],
  dagster: ["dagster", "dagster-daemon"],
  "dagster-webserver": ["dagster-webserver"],
  streamlit: ["streamlit"],
  flask: ["flask"],
  "fastapi-cli": ["fastapi"],
  alembic: ["alembic"],
  celery: ["celery"],
  hypercorn: ["hypercorn"],
  granian: ["granian"],
  pytest: ["pytest"],
};

/** Dependencies other packages bring along (only the ones the checks care about). */
export const IMPLIED_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  "fastapi[standard]": ["uvicorn", "fastapi-cli"],
  "dagster-webserver": ["dagster"],
  "dagster-postgres": ["dagster"],
  "dagster-graphql": ["dagster"],
};

/** The import name of a distribution (`dagster-postgres` -> `dagster_postgres`). */
export function importNameOf(dist: string): string {
  const known: Record<string, string> = {
    pyyaml: "yaml",
    "python-dotenv": "dotenv",
    pillow: "PIL",
    "scikit-learn": "sklearn",
    "psycopg2-binary": "psycopg2",
    beautifulsoup4: "bs4",
  };
  const name = dist.toLowerCase().replace(/\[.*$/, "");
  return known[name] ?? name.replace(/[-.]/g, "_");
}
