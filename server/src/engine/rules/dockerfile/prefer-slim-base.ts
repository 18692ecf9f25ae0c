import { imageLanguage, slimTag } from "../../knowledge/images";
import { dockerfileRule } from "../../rule";

const FULL_VARIANTS = ["python", "node", "ruby", "php", "perl"];
export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/prefer-slim-base",
    category: "image-size",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Run on a `-slim` base rather than the full language image; Alpine is a poor fit for Python.",
    rationale:
      "The full `python:3.x` and `node:x` images are built on `buildpack-deps`: compilers, headers, `git`, `curl` and hundreds of libraries, close to a gigabyte that the application does not use at run time. " +
      "The `-slim` variant has the same Debian base and interpreter without the build toolchain. Keep the full image for builder stages if you need it. " +
      "Alpine looks smaller, but it uses musl instead of glibc: most Python wheels on PyPI are built for glibc, so packages compile from source, builds get slower and behaviour can differ.",
    examples: [
      {
        bad: 'FROM python:3.13\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      },
      {
        title: "Alpine for Python",
        bad: 'FROM python:3.13-alpine\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim-trixie\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      },
    ],
    equivalents: [],
    messages: {
      fullImage: "`{{image}}` is the full image with build tools; the runtime stage only needs `{{slim}}`.",
      alpinePython: "`{{image}}` is Alpine (musl): most Python wheels do not fit it and must be compiled; prefer a `-slim` Debian image.",
    },
    practice: "004 (Base Images: minimal -slim images), 002 (Alpine: musl libc and Python wheels problems), 003 (Select base image)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final" || stage.parent || !stage.imageRange) return;
    const ref = stage.image;
    if (ref.registry !== undefined || ref.hasVariables || ref.path.includes("/")) return;
    const tag = ref.tag;
    if (!tag || tag === "latest") return;
    if (imageLanguage(ref) === "python" && tag.includes("alpine")) {
      report({ messageId: "alpinePython", range: stage.imageRange, data: { image: ref.raw } });
      return;
    }
    if (!FULL_VARIANTS.includes(ref.name)) return;
    const slim = slimTag(tag);
    if (!slim) return;
    const written = dockerfile.text.slice(
      dockerfile.lines.offsetAt(stage.imageRange.start),
      dockerfile.lines.offsetAt(stage.imageRange.end),
    );
    const fixable = !written.includes("$") && written.endsWith(`:${tag}`);
    report({
      messageId: "fullImage",
      range: stage.imageRange,
      data: { image: ref.raw, slim: `${ref.name}:${slim}` },
      fixes: fixable
        ? [
            {
              title: `Use ${ref.name}:${slim}`,
              safe: false,
              edits: [{ range: stage.imageRange, newText: written.slice(0, -tag.length) + slim }],
            },
          ]
        : [],
    });
  },
});
