/**
 * The fuzzer's seeds and mutations. Mutant `i` of a run is a pure function of (seed, i), so any failure can
 * be regenerated from its two numbers. Seeds are every rule's documented examples (with their extra files)
 * plus the Dockerfiles, compose files and .dockerignore files under examples/ and test/fixtures/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectKind } from "../../server/src/engine/kinds";
import { allRules } from "../../server/src/engine/rules";
import type { FileKind } from "../../server/src/engine/types";
import { seededRandom } from "../lib/seededRandom";

/** A project the fuzzer lints: files by absolute path; `target` is the one linted (and mutated). */
export interface Project {
  name: string;
  files: Record<string, string>;
  target: string;
  kind: FileKind;
}

const FILE_NAME: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yml", dockerignore: ".dockerignore" };

export function loadSeeds(root: string): Project[] {
  const seeds: Project[] = [];
  for (const rule of allRules) {
    rule.meta.examples.forEach((ex, i) => {
      for (const [side, text] of [
        ["bad", ex.bad],
        ["good", ex.good],
      ] as const) {
        const dir = `/seed/${rule.meta.id}/${i}-${side}`;
        const target = `${dir}/${ex.fileName ?? FILE_NAME[rule.meta.kind]}`;
        const files: Record<string, string> = { [target]: text };
        for (const [rel, contents] of Object.entries(ex.files ?? {})) files[`${dir}/${rel}`] = contents;
        seeds.push({ name: `${rule.meta.id} example ${i} (${side})`, files, target, kind: rule.meta.kind });
      }
    });
  }
  for (const top of ["examples", "test/fixtures"]) {
    const byDir = new Map<string, Record<string, string>>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (detectKind(name) && statSync(p).size < 200_000) {
          const rel = relative(root, p).split("\\").join("/");
          const folder = `/repo/${rel.slice(0, rel.lastIndexOf("/"))}`;
          const files = byDir.get(folder) ?? {};
          files[`/repo/${rel}`] = readFileSync(p, "utf8");
          byDir.set(folder, files);
        }
      }
    };
    walk(join(root, top));
    // every file of a folder is a seed, with its neighbours (a compose project, the Dockerfiles it builds)
    for (const files of byDir.values()) {
      for (const target of Object.keys(files)) {
        seeds.push({ name: target, files, target, kind: detectKind(target) as FileKind });
      }
    }
  }
  return seeds;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

/** Tokens that have broken parsers and rules before, or plausibly could. */
const TRICKY = [
  "\\\n",
  "\\",
  "\\\r\n",
  "<<EOF\n",
  "<<-'EOT' bash\n",
  "<<EOF\nbody\n",
  '"',
  "'",
  "`",
  "${",
  "${A:-${B",
  "$(",
  "$((",
  "\t",
  "\u0000",
  "\uFEFF",
  "\r",
  "\r\n",
  "\u2028",
  "\ud800",
  "&&",
  "||",
  ";",
  "|",
  "#",
  "# syntax=docker/dockerfile:1\n",
  "# escape=`\n",
  "# shipshape-ignore\n",
  "# shipshape-ignore dockerfile/pin-base-image\n",
  "ARG (_TOKEN\n",
  "ARG [X+\nENV *=1\n",
  "FROM ",
  "FROM scratch AS x\n",
  "FROM --platform=$BUILDPLATFORM x:1 AS b\n",
  "RUN --mount=type=cache,target=/var/lib/apt ",
  "ONBUILD RUN apt-get update\n",
  'RUN apt-get update && apt-get install -y curl "\n',
  "COPY --from= . .\n",
  "HEALTHCHECK CMD curl -f http://x/ || exit 1\n",
  "USER 0\n",
  'CMD ["a", \n',
  'SHELL ["/bin/bash", "-c"]\n',
  "&a ",
  "*a",
  "<<: *a\n",
  "<<: [*a, *a]\n",
  "x-a: &a {<<: [*a, *a]}\n",
  "x-m: &m\n  <<: *m\n",
  "!reset ",
  "!override ",
  "!!binary ",
  "? ",
  ": ",
  "- ",
  "- - - - ",
  "[",
  "]",
  "{",
  "}",
  "---\n",
  "...\n",
  "%YAML 1.2\n---\n",
  "services:\n",
  "services: []\n",
  "services:\n  web:\n    image: nginx\n    image: nginx:1\n",
  "  depends_on:\n    db:\n      condition: service_healthy\n",
  "  extends: web\n",
  "include:\n  - other.yml\n",
  "!",
  "*",
  "**/",
  "../",
  "/",
  "\\\\server\\share",
  "\u00e9\u4e2d\ud83d\ude00",
];

const MUTATORS: ((text: string, r: Rand, donor: () => string) => string)[] = [
  // byte flips
  (t, r) => {
    if (!t) return t;
    const i = int(r, t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << int(r, 7))) + t.slice(i + 1);
  },
  // delete, duplicate, swap lines
  (t, r) => {
    const ls = t.split("\n");
    ls.splice(int(r, ls.length), 1 + int(r, 3));
    return ls.join("\n");
  },
  (t, r) => {
    const ls = t.split("\n");
    const i = int(r, ls.length);
    ls.splice(i, 0, ...ls.slice(i, i + 1 + int(r, 4)));
    return ls.join("\n");
  },
  (t, r) => {
    const ls = t.split("\n");
    const i = int(r, ls.length);
    const j = int(r, ls.length);
    [ls[i], ls[j]] = [ls[j] as string, ls[i] as string];
    return ls.join("\n");
  },
  // splice from another file
  (t, r, donor) => {
    const d = donor();
    const a = int(r, d.length + 1);
    const piece = d.slice(a, a + int(r, 400));
    const i = int(r, t.length + 1);
    return t.slice(0, i) + piece + t.slice(i + int(r, 40));
  },
  // truncate
  (t, r) => t.slice(0, int(r, t.length + 1)),
  // tricky tokens, at a random place or a line start
  (t, r) => {
    const tok = pick(r, TRICKY);
    let i = int(r, t.length + 1);
    if (r() < 0.5) i = t.lastIndexOf("\n", i - 1) + 1;
    return t.slice(0, i) + tok + t.slice(i);
  },
  // indentation changes (YAML structure)
  (t, r) => {
    const ls = t.split("\n");
    const i = int(r, ls.length);
    ls[i] = r() < 0.5 ? " ".repeat(1 + int(r, 6)) + ls[i] : (ls[i] as string).replace(/^ {1,4}/, "");
    return ls.join("\n");
  },
  // a very long line
  (t, r) => {
    const i = t.lastIndexOf("\n", int(r, t.length + 1) - 1) + 1;
    const unit = pick(r, ["x", "a && ", "- ", "$A", "\\ ", "' '", "k: v, ", "[", "*/", "-"]);
    // mostly long, sometimes huge (size limits and linear-time rules are what this probes)
    return t.slice(0, i) + unit.repeat(r() < 0.1 ? 1000 + int(r, 20_000) : 100 + int(r, 1000)) + "\n" + t.slice(i);
  },
  // deep nesting
  (t, r) => {
    const n = 50 + int(r, 3000);
    const kind = int(r, 4);
    const deep =
      kind === 0
        ? "x-deep: " + "[".repeat(n) + "]".repeat(n)
        : kind === 1
          ? "x-deep:\n  " + "- ".repeat(n) + "x"
          : kind === 2
            ? "x-deep:\n" + Array.from({ length: Math.min(n, 400) }, (_, k) => " ".repeat(k + 1) + `k${k}:`).join("\n") + " x"
            : "RUN " + "$(".repeat(n) + ")".repeat(n);
    const i = t.lastIndexOf("\n", int(r, t.length + 1) - 1) + 1;
    return t.slice(0, i) + deep + "\n" + t.slice(i);
  },
  // anchors and merge keys woven into the mapping at a random line
  (t, r) => {
    const ls = t.split("\n");
    const i = int(r, ls.length);
    const indent = /^\s*/.exec(ls[i] as string)?.[0] ?? "";
    const levels = 1 + int(r, 6);
    const bomb = ["x-m0: &m0 {a: 1}"];
    for (let k = 1; k <= levels; k++)
      bomb.push(
        `x-m${k}: &m${k} {<<: [${Array(2 + int(r, 8))
          .fill(`*m${k - 1}`)
          .join(", ")}]}`,
      );
    if (r() < 0.5) ls.unshift(...bomb);
    ls.splice(i, 0, `${indent}<<: ${pick(r, ["*m0", `*m${levels}`, "[*m0, *m0]", "*nope", "{a: b}"])}`);
    return ls.join("\n");
  },
  // the same line repeated (huge files, quadratic rules)
  (t, r) => {
    const ls = t.split("\n").filter((l) => l.trim());
    const l = ls.length ? (pick(r, ls) as string) : "x";
    const i = t.lastIndexOf("\n", int(r, t.length + 1) - 1) + 1;
    return t.slice(0, i) + (l + "\n").repeat(r() < 0.1 ? 100 + int(r, 5000) : 5 + int(r, 100)) + t.slice(i);
  },
  // a non-map root or an odd document
  (t, r) => pick(r, ["- ", "42\n", "null\n", '"s"\n', "[]\n", "--- !!str\n", "- a\n- b\n"]) + t,
];

/** Mutant `index` of a run: a seed project with its target (and sometimes a neighbour) mutated 1-5 times. */
export function mutant(seeds: readonly Project[], seed: number, index: number): Project {
  const r = seededRandom((seed * 0x9e3779b1) ^ (index * 0x85ebca6b) ^ 0x5bd1e995);
  const base = pick(r, seeds);
  const files = { ...base.files };
  const donor = () => {
    const s = pick(r, seeds);
    return s.files[s.target] ?? "";
  };
  const mutate = (text: string) => {
    let out = text;
    const n = 1 + int(r, 5);
    for (let k = 0; k < n; k++) out = pick(r, MUTATORS)(out, r, donor);
    return out;
  };
  files[base.target] = mutate(files[base.target] ?? "");
  const neighbours = Object.keys(files).filter((p) => p !== base.target);
  if (neighbours.length && r() < 0.3) {
    const n = pick(r, neighbours);
    files[n] = mutate(files[n] ?? "");
  }
  // a neighbour override next to a compose file
  if (base.kind === "compose" && r() < 0.2) {
    const dir = base.target.slice(0, base.target.lastIndexOf("/"));
    files[`${dir}/compose.override.yml`] = mutate(donor());
  }
  return { name: `${base.name} #${index}`, files, target: base.target, kind: base.kind };
}
