import { FLOATING_TAGS } from "../../knowledge/composeImages";
import { recommendedTag } from "../../knowledge/images";
import { expandVariables, parseImageRef, withTag, type ImageRef } from "../../model/imageRef";
import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";
import type { Fix } from "../../types";

/** Images whose tags are distribution releases (`debian:bookworm`, `ubuntu:noble`, `buildpack-deps:bookworm-scm`): not variant-only tags. */
const OS_IMAGES =
  /^(library\/)?(debian|ubuntu|alpine|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|opensuse\/leap|archlinux|busybox|buildpack-deps)$/;

/**
 * Images whose variant tags are all they have: distribution releases, and distroless, whose version is in the
 * image name (`python3-debian12`) and whose tags (`nonroot`, `debug`) are only variants; a digest pins those.
 */
function releaseTagged(ref: ImageRef): boolean {
  return OS_IMAGES.test(ref.name.toLowerCase()) || (ref.registry === "gcr.io" && ref.path.startsWith("distroless/"));
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/pin-base-image",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary:
      "Pin every image a build pulls (FROM and COPY --from) to an explicit version tag, not `latest`, no tag, a channel such as `lts`/`stable`, or a variant-only tag such as `node:alpine`.",
    rationale:
      "An untagged image means `latest`, and `latest` moves: the same Dockerfile builds a different image next week, and a broken upstream release reaches you without any change on your side. " +
      "Channel tags (`lts`, `stable`, `current`, `edge`, `nightly`) move the same way, and so does a tag that names only a variant (`node:alpine`, `python:bookworm`): it has no version in it, so each new release replaces what it points at. A distribution's own release names (`debian:bookworm`, `ubuntu:noble`) are versions and are accepted. " +
      "That holds for the base image and just as much for helper images such as the uv binary copied with `COPY --from=ghcr.io/astral-sh/uv:…`. " +
      "Pin a version tag; for production runtime stages, the `requireDigest` option also asks for an `@sha256:` digest, which cannot be re-pointed at all. " +
      "An image named through an `ARG` without a default (`FROM registry/${IMAGE}`) is given at build time and is not judged.",
    examples: [
      {
        title: "Base image without a tag",
        bad: 'FROM python\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
      },
      {
        title: "The uv binary from a floating tag",
        bad: 'FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv\nCMD ["python"]\n',
        good: 'FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /usr/local/bin/uv\nCMD ["python"]\n',
      },
    ],
    equivalents: ["hadolint:DL3006", "hadolint:DL3007", "checkov:CKV_DOCKER_7", "trivy:DS-0001"],
    messages: {
      untagged: "Image `{{image}}` has no tag, so it pulls whatever `latest` is today; pin a version.",
      latest: "Image `{{image}}` uses `latest`, which moves between builds; pin a version.",
      floating: "Image `{{image}}` uses the moving tag `{{tag}}`, which points at a new release whenever one is pushed; pin a version.",
      variantOnly:
        "Image `{{image}}`: the tag `{{tag}}` names a variant, not a version, and moves with every release; pin a version (e.g. `{{example}}`).",
      noDigest: "The production image `{{image}}` is not pinned by digest (`@sha256:…`).",
    },
    options: {
      requireDigest: {
        description: "Also require an `@sha256:` digest on the base image of the final (production) stage.",
        type: "boolean",
        default: false,
      },
    },
    practice: "003 (Review: no `latest` tags), 004 (Pin Versions), 000 (uv binary from a pinned image)",
  },
  check({ dockerfile, options, report }) {
    const requireDigest = options["requireDigest"] === true;
    const check = (ref: ImageRef, written: string, range: Range, production: boolean) => {
      if (ref.isScratch || ref.hasVariables || ref.raw === "") return;
      const fixes = (): Fix[] => {
        const tag = recommendedTag(ref);
        if (!tag || written.includes("$")) return [];
        const pinned = withTag({ ...ref, tag: undefined }, tag);
        return [{ title: `Pin to ${pinned}`, safe: false, edits: [{ range, newText: pinned }] }];
      };
      if (!ref.digest && ref.tag === undefined) report({ messageId: "untagged", range, data: { image: ref.raw }, fixes: fixes() });
      else if (!ref.digest && ref.tag === "latest") report({ messageId: "latest", range, data: { image: ref.raw }, fixes: fixes() });
      else if (!ref.digest && ref.tag !== undefined && FLOATING_TAGS.includes(ref.tag.toLowerCase()))
        report({ messageId: "floating", range, data: { image: ref.raw, tag: ref.tag }, fixes: fixes() });
      else if (!ref.digest && ref.tag !== undefined && !/[0-9]/.test(ref.tag) && !releaseTagged(ref))
        report({
          messageId: "variantOnly",
          range,
          data: { image: ref.raw, tag: ref.tag, example: `${ref.name.replace(/^library\//, "")}:<version>-${ref.tag}` },
          fixes: fixes(),
        });
      else if (production && requireDigest && !ref.digest) report({ messageId: "noDigest", range, data: { image: ref.raw } });
    };
    // `ARG BASEIMAGE` without a default is given at build time (`--build-arg`): the image it names is unknown, not empty
    const unknownArg = (written: string) =>
      [...written.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some((m) => dockerfile.globalArgDefaults.get(m[1] as string) === "");
    for (const stage of dockerfile.stages) {
      if (stage.parent || !stage.imageRange) continue;
      const written = dockerfile.text.slice(
        dockerfile.lines.offsetAt(stage.imageRange.start),
        dockerfile.lines.offsetAt(stage.imageRange.end),
      );
      if (unknownArg(written)) continue;
      check(stage.image, written, stage.imageRange, stage.role === "final");
    }
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY" || !ins.stage) continue;
      const from = dockerfile.flag(ins, "from");
      const value = from?.getValue();
      const range = from?.getValueRange();
      if (!value || !range || /^\d+$/.test(value) || dockerfile.stageByName(value)) continue;
      // a bare name that is no stage is a named build context (or a typo other rules report), not an image we can judge
      if (!/[/:.@]/.test(value)) continue;
      if (unknownArg(value)) continue;
      check(parseImageRef(expandVariables(value, dockerfile.globalArgDefaults)), value, range, false);
    }
  },
});
