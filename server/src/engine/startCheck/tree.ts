/** A simulated file system: the paths an image holds, with text where the build context gave it. Bounded. */

export interface TreeNode {
  kind: "file" | "dir";
  /** Text of a file copied from the build context (undefined for generated or binary files). */
  text?: string;
  /**
   * A folder whose contents are not known: anything may be inside. `base` marks the base image's system folders
   * (`/usr`, `/etc` …): their programs are known from the runtime table, their other files are not.
   */
  opaque?: boolean | "base";
}

/** Answers about a path: it exists, it certainly does not, or the tree cannot tell. */
export type Presence = "yes" | "no" | "maybe";

export const MAX_TREE_NODES = 20_000;

export function parentOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

export function joinAbs(base: string, rel: string): string {
  const parts = (rel.startsWith("/") ? rel : `${base}/${rel}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return "/" + out.join("/");
}

export class Tree {
  readonly nodes = new Map<string, TreeNode>([["/", { kind: "dir" }]]);
  /** Set when the node budget ran out: missing paths are then "maybe". */
  truncated = false;

  clone(): Tree {
    const t = new Tree();
    for (const [k, v] of this.nodes) t.nodes.set(k, { ...v });
    t.truncated = this.truncated;
    return t;
  }

  private put(path: string, node: TreeNode): void {
    if (!this.nodes.has(path) && this.nodes.size >= MAX_TREE_NODES) {
      this.truncated = true;
      return;
    }
    this.nodes.set(path, node);
  }

  mkdir(path: string, opaque: boolean | "base" = false): void {
    const chain: string[] = [];
    for (let p = path; p !== "/"; p = parentOf(p)) chain.unshift(p);
    for (const p of chain) {
      const cur = this.nodes.get(p);
      if (!cur || cur.kind === "file") this.put(p, { kind: "dir" });
    }
    if (opaque && path !== "/") {
      const n = this.nodes.get(path);
      if (n) n.opaque = opaque;
    }
  }

  writeFile(path: string, text?: string): void {
    this.mkdir(parentOf(path));
    // a path that is not there has nothing below it either (mkdir makes every parent): skip the O(tree) removal
    if (this.nodes.has(path)) this.remove(path);
    this.put(path, { kind: "file", text });
  }

  remove(path: string): void {
    const prefix = path === "/" ? "/" : path + "/";
    for (const k of [...this.nodes.keys()]) if (k === path || k.startsWith(prefix)) this.nodes.delete(k);
    this.nodes.set("/", this.nodes.get("/") ?? { kind: "dir" });
  }

  get(path: string): TreeNode | undefined {
    return this.nodes.get(path);
  }

  /** An opaque folder above the path (the path itself included), if any. */
  private opaqueAbove(path: string, ignoreBase: boolean): boolean {
    for (let p = path; ; p = parentOf(p)) {
      const o = this.nodes.get(p)?.opaque;
      if (o === true || (o === "base" && !ignoreBase)) return true;
      if (p === "/") return false;
    }
  }

  /** Whether the path exists; `ignoreBase` treats the base image's system folders as fully known (for programs the runtime table lists). */
  presence(path: string, ignoreBase = false): Presence {
    if (this.nodes.has(path)) return "yes";
    if (this.truncated || this.opaqueAbove(parentOf(path), ignoreBase)) return "maybe";
    return "no";
  }

  isDir(path: string): boolean {
    return this.nodes.get(path)?.kind === "dir";
  }

  /** Names directly inside a folder. */
  list(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    const out: string[] = [];
    for (const k of this.nodes.keys()) {
      if (k.startsWith(prefix) && k.length > prefix.length && !k.slice(prefix.length).includes("/")) out.push(k.slice(prefix.length));
    }
    return out.sort();
  }

  /** Copies `src` of `from` to `dest` here: a folder's contents go into `dest`, a file becomes `dest`. */
  copyInto(from: Tree, src: string, dest: string): void {
    const node = from.get(src);
    if (!node) return;
    if (node.kind === "file") {
      this.writeFile(dest, node.text);
      return;
    }
    this.mkdir(dest, node.opaque ?? false);
    const prefix = src === "/" ? "/" : src + "/";
    for (const [k, v] of from.nodes) {
      if (!k.startsWith(prefix)) continue;
      const target = joinAbs(dest, k.slice(prefix.length));
      if (v.kind === "dir") this.mkdir(target, v.opaque ?? false);
      else this.writeFile(target, v.text);
    }
  }
}
