/**
 * Document links of a compose file: the files and folders it names (build context and Dockerfile, env
 * files, extends and include files, bind-mount sources, config and secret files) and, for images, the
 * registry's web page. Pure: no file is read except through `fs.exists`, and no network is touched (a link
 * is only an address the editor may open when clicked).
 */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { isMergeKey, scalarText, type ComposeFileModel } from "../model/compose";
import { parseImageRef } from "../model/imageRef";
import { dirname, resolvePath } from "../paths";
import type { Range } from "../text";
import type { WorkspaceFs } from "../types";

export interface ComposeLink {
  range: Range;
  /** A local file or folder (absolute path). */
  path?: string;
  /** A web page (image links). */
  url?: string;
  tooltip: string;
}

const MAX_LINKS = 2_000;

export function composeLinks(file: ComposeFileModel, fs: WorkspaceFs): ComposeLink[] {
  const out: ComposeLink[] = [];
  const root = file.root;
  if (!root) return out;
  const dir = dirname(file.path);
  const local = (node: unknown, base: string, tooltip: string, mustExist = true) => {
    if (out.length >= MAX_LINKS) return;
    const text = scalarText(node);
    if (!text || /\$|^~|^[a-z][a-z0-9+.-]*:\/\//i.test(text) || !isScalar(node) || !file.owns(node)) return;
    const path = resolvePath(base, text);
    if (mustExist && !fs.exists(path)) return;
    const range = valueRange(file, node, 0, text.length);
    if (range) out.push({ range, path, tooltip });
  };

  for (const top of root.items) {
    const section = scalarText(top.key);
    const value = top.value as Node | null;
    if (section === "services" && isMap(value)) {
      for (const svc of value.items) if (isMap(svc.value)) serviceLinks(file, svc.value, dir, local, out);
    } else if ((section === "configs" || section === "secrets") && isMap(value)) {
      for (const entry of value.items)
        if (isMap(entry.value)) local(entry.value.items.find((p) => scalarText(p.key) === "file")?.value, dir, "Open file");
    } else if (section === "include" && isSeq(value)) {
      for (const item of value.items) {
        if (isScalar(item)) local(item, dir, "Open included compose file");
        else if (isMap(item))
          for (const p of item.items) {
            const k = scalarText(p.key);
            const list = isSeq(p.value) ? p.value.items : [p.value];
            if (k === "path") for (const x of list) local(x, dir, "Open included compose file");
            if (k === "env_file") for (const x of list) local(x, dir, "Open env file");
            if (k === "project_directory") local(p.value, dir, "Reveal folder");
          }
      }
    }
  }
  return out;
}

type Local = (node: unknown, base: string, tooltip: string, mustExist?: boolean) => void;

function serviceLinks(file: ComposeFileModel, svc: Node, dir: string, local: Local, out: ComposeLink[]): void {
  if (!isMap(svc)) return;
  for (const pair of svc.items) {
    if (isMergeKey(pair.key)) continue;
    const key = scalarText(pair.key);
    const value = pair.value as Node | null;
    if (!value) continue;
    switch (key) {
      case "image": {
        const link = imageLink(file, value);
        if (link) out.push(link);
        break;
      }
      case "build":
        if (isScalar(value)) {
          local(value, dir, "Reveal build context");
        } else if (isMap(value)) {
          const context = value.items.find((p) => scalarText(p.key) === "context")?.value;
          local(context, dir, "Reveal build context");
          const ctxText = scalarText(context) ?? ".";
          const dockerfile = value.items.find((p) => scalarText(p.key) === "dockerfile")?.value;
          if (!/\$|:\/\//.test(ctxText)) local(dockerfile, resolvePath(dir, ctxText), "Open Dockerfile");
        }
        break;
      case "env_file":
      case "label_file":
        for (const e of isSeq(value) ? value.items : [value]) {
          if (isMap(e)) local(e.items.find((p) => scalarText(p.key) === "path")?.value, dir, "Open file");
          else local(e, dir, "Open file");
        }
        break;
      case "extends":
        if (isMap(value)) local(value.items.find((p) => scalarText(p.key) === "file")?.value, dir, "Open extended compose file");
        break;
      case "volumes":
        if (!isSeq(value)) break;
        for (const m of value.items) {
          if (isScalar(m)) {
            const text = scalarText(m) ?? "";
            const source = text.split(":")[0] ?? "";
            if (!/^\.{1,2}(\/|$)|^\//.test(source) || source.includes("$")) continue;
            const path = resolvePath(dir, source);
            const range = valueRange(file, m, 0, source.length);
            if (range) out.push({ range, path, tooltip: "Reveal bind-mount source" });
          } else if (isMap(m) && scalarText(m.items.find((p) => scalarText(p.key) === "type")?.value) === "bind") {
            local(m.items.find((p) => scalarText(p.key) === "source")?.value, dir, "Reveal bind-mount source", false);
          }
        }
        break;
    }
  }
}

/** The registry's page for an image: Docker Hub, GitHub Container Registry, Quay, Microsoft's registry. */
export function imageUrl(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (ref.hasVariables || ref.isScratch || !ref.path) return undefined;
  const registry = ref.registry?.toLowerCase();
  if (!registry || registry === "docker.io" || registry === "index.docker.io") {
    const path = ref.path.replace(/^library\//, "");
    return path.includes("/") ? `https://hub.docker.com/r/${path}` : `https://hub.docker.com/_/${path}`;
  }
  if (registry === "ghcr.io") return `https://ghcr.io/${ref.path}`;
  if (registry === "quay.io") return `https://quay.io/repository/${ref.path}`;
  if (registry === "mcr.microsoft.com") return `https://mcr.microsoft.com/en-us/artifact/mar/${ref.path}`;
  return undefined;
}

function imageLink(file: ComposeFileModel, node: Node): ComposeLink | undefined {
  const text = scalarText(node);
  if (!text || !isScalar(node)) return undefined;
  const url = imageUrl(text);
  if (!url) return undefined;
  const range = valueRange(file, node, 0, text.length);
  return range ? { range, url, tooltip: `Open ${url.replace(/^https:\/\//, "")}` } : undefined;
}

/** The range of `length` characters at `offset` in a scalar's value, when the source spells them there. */
function valueRange(file: ComposeFileModel, node: Node, offset: number, length: number): Range | undefined {
  const r = node.range;
  if (!r) return undefined;
  const first = file.text[r[0]];
  if (first === "|" || first === ">") return undefined;
  const start = r[0] + (first === '"' || first === "'" ? 1 : 0) + offset;
  const value = scalarText(node) ?? "";
  if (file.text.slice(start, start + length) !== value.slice(offset, offset + length)) return undefined;
  return file.lines.rangeOf(start, start + length);
}
