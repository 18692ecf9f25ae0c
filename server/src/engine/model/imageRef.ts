/** A parsed image reference: `[registry/]path[:tag][@digest]`. */
export interface ImageRef {
  /** The reference as written (after ARG expansion where possible). */
  raw: string;
  /** Registry host when one is given (`ghcr.io`, `localhost:5000`, `dhi.io`), else undefined (Docker Hub). */
  registry?: string;
  /** Repository path without registry, e.g. `library/python` is reported as `python`. */
  path: string;
  /** Last path component: `python` for `docker.io/library/python:3.13`. */
  name: string;
  tag?: string;
  digest?: string;
  /** True when the text still holds unresolved `$VAR` references. */
  hasVariables: boolean;
  /** `scratch` is not an image. */
  isScratch: boolean;
}

export function parseImageRef(raw: string): ImageRef {
  const text = raw.trim();
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf("/");
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  let path = rest;
  if ((registry === undefined || registry === "docker.io" || registry === "index.docker.io") && path.startsWith("library/")) {
    path = path.slice("library/".length);
  }
  const name = path.slice(path.lastIndexOf("/") + 1);
  return {
    raw: text,
    registry,
    path,
    name,
    tag: tag === "" ? undefined : tag,
    digest: digest === "" ? undefined : digest,
    hasVariables: /\$/.test(text),
    isScratch: text.toLowerCase() === "scratch",
  };
}

/** Formats a reference back to text with a different tag. */
export function withTag(ref: ImageRef, tag: string): string {
  const base = (ref.registry ? ref.registry + "/" : "") + (ref.raw.includes("library/") ? "library/" : "") + ref.path;
  return `${base}:${tag}${ref.digest ? "@" + ref.digest : ""}`;
}

/** Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` from `vars`; unknown variables stay as written. */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      const value = vars.get(name);
      if (op === ":-" || op === "-") {
        if (value === undefined || (op === ":-" && value === "")) return word ?? "";
        return value;
      }
      if (op === ":+" || op === "+") {
        return value !== undefined && (op === "+" || value !== "") ? (word ?? "") : "";
      }
      return value ?? whole;
    },
  );
}

/**
 * Shell quote removal, as BuildKit applies it to a FROM image after expanding variables
 * (`FROM alpine:"${TAG}"` names `alpine:3.22`): quote characters go, backslash-escaped ones stay as themselves.
 */
export function removeQuotes(text: string): string {
  return text.replace(/\\(["'])|["']/g, (_whole, escaped: string | undefined) => escaped ?? "");
}
