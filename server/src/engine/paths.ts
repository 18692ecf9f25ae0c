/** Path helpers that work on POSIX-style absolute paths without touching the disk. */

export function dirname(p: string): string {
  const s = p.replace(/\\/g, "/");
  const i = s.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return s.slice(0, i);
}

export function basename(p: string): string {
  const s = p.replace(/\\/g, "/").replace(/\/+$/, "");
  return s.slice(s.lastIndexOf("/") + 1);
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== "").join("/"));
}

/** Resolves `rel` against the folder `base` (absolute `rel` wins). */
export function resolvePath(base: string, rel: string): string {
  const r = rel.replace(/\\/g, "/");
  if (r.startsWith("/") || /^[A-Za-z]:\//.test(r)) return normalize(r);
  return normalize(`${base}/${r}`);
}

export function normalize(p: string): string {
  const s = p.replace(/\\/g, "/");
  const abs = s.startsWith("/");
  const drive = /^[A-Za-z]:\//.exec(s)?.[0] ?? "";
  const out: string[] = [];
  for (const seg of s.slice(drive.length).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!abs && !drive) out.push("..");
      continue;
    }
    out.push(seg);
  }
  return (drive || (abs ? "/" : "")) + out.join("/") || (abs ? "/" : ".");
}

export function relative(from: string, to: string): string {
  const a = normalize(from).split("/").filter(Boolean);
  const b = normalize(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/") || ".";
}
