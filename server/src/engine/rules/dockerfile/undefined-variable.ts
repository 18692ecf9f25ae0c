import { suggestName } from "../../analysis/suggest";
import { variableRefs } from "../../analysis/variables";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";
import type { Fix } from "../../types";

/** Instructions whose words the builder expands with `$VAR` (RUN only in its flags; shell-form commands are the shell's business). */
const EXPANDED = new Set(["ENV", "LABEL", "ADD", "COPY", "WORKDIR", "USER", "VOLUME", "STOPSIGNAL", "ARG", "RUN"]);

/** Variables the builder never puts in the environment. */
const NOT_ENV = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

/**
 * Variables that widely used base images set in their configuration (official language, database and
 * server images). We cannot read the image's configuration offline, so in stages built on an external
 * image these names are taken as defined.
 */
const COMMON_IMAGE_ENV = [
  "PATH",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "GPG_KEY",
  "GPG_KEYS",
  "TZ",
  "PYTHON_VERSION",
  "PYTHON_SHA256",
  "PYTHON_PIP_VERSION",
  "PYTHON_SETUPTOOLS_VERSION",
  "PYTHON_GET_PIP_URL",
  "PYTHON_GET_PIP_SHA256",
  "NODE_VERSION",
  "YARN_VERSION",
  "NODE_ENV",
  "GOLANG_VERSION",
  "GOPATH",
  "GOTOOLCHAIN",
  "GOROOT",
  "JAVA_HOME",
  "JAVA_VERSION",
  "JDK_VERSION",
  "JRE_VERSION",
  "MAVEN_HOME",
  "MAVEN_CONFIG",
  "GRADLE_HOME",
  "GRADLE_VERSION",
  "CATALINA_HOME",
  "TOMCAT_MAJOR",
  "TOMCAT_VERSION",
  "TOMCAT_SHA512",
  "RUBY_VERSION",
  "RUBY_MAJOR",
  "RUBY_DOWNLOAD_SHA256",
  "RUBY_DOWNLOAD_URL",
  "GEM_HOME",
  "BUNDLE_SILENCE_ROOT_WARNING",
  "BUNDLE_APP_CONFIG",
  "RUSTUP_HOME",
  "CARGO_HOME",
  "RUST_VERSION",
  "PHP_VERSION",
  "PHP_INI_DIR",
  "PHP_URL",
  "PHP_ASC_URL",
  "PHP_SHA256",
  "PHP_CFLAGS",
  "PHP_CPPFLAGS",
  "PHP_LDFLAGS",
  "PHPIZE_DEPS",
  "NGINX_VERSION",
  "NJS_VERSION",
  "NJS_RELEASE",
  "PKG_RELEASE",
  "DYNPKG_RELEASE",
  "HTTPD_PREFIX",
  "HTTPD_VERSION",
  "HTTPD_SHA256",
  "HTTPD_PATCHES",
  "PG_MAJOR",
  "PG_VERSION",
  "PGDATA",
  "MYSQL_MAJOR",
  "MYSQL_VERSION",
  "MARIADB_VERSION",
  "REDIS_VERSION",
  "REDIS_DOWNLOAD_URL",
  "REDIS_DOWNLOAD_SHA",
  "DOTNET_VERSION",
  "ASPNET_VERSION",
  "ASPNETCORE_HTTP_PORTS",
  "DOTNET_RUNNING_IN_CONTAINER",
  "APP_UID",
  "CUDA_VERSION",
  "NVIDIA_VISIBLE_DEVICES",
  "NVIDIA_DRIVER_CAPABILITIES",
  "LD_LIBRARY_PATH",
  "LIBRARY_PATH",
  "VIRTUAL_ENV",
  "UV_PYTHON_INSTALL_DIR",
  "UV_TOOL_BIN_DIR",
  "UV_LINK_MODE",
  "UV_COMPILE_BYTECODE",
  "UV_PYTHON_DOWNLOADS",
  "PIP_NO_CACHE_DIR",
  "PIP_DISABLE_PIP_VERSION_CHECK",
  "PYTHONUNBUFFERED",
  "PYTHONDONTWRITEBYTECODE",
];

interface Use {
  name: string;
  range: Range;
  nameRange: Range;
}

interface Prop {
  getName(): string;
  getRange(): Range;
}

function usesOf(dockerfile: DockerfileModel, ins: DockerInstruction): Use[] {
  const refs = variableRefs(dockerfile, ins, { firstLineOnly: ins.heredocs.length > 0 });
  if (ins.keyword !== "RUN") return refs;
  // in RUN only the flags (--mount=…) are expanded by the builder
  const lines = dockerfile.lines;
  const flags = ins.flags.map((f) => [lines.offsetAt(f.getRange().start), lines.offsetAt(f.getRange().end)] as const);
  return refs.filter((r) => flags.some(([s, e]) => s <= r.start && r.end <= e));
}

function propertyNames(ins: DockerInstruction): { name: string; hasValue: boolean; range: Range }[] {
  if (ins.keyword === "ENV")
    return (ins.ast as unknown as { getProperties(): Prop[] })
      .getProperties()
      .map((p) => ({ name: p.getName(), hasValue: true, range: p.getRange() }));
  return ins.ast.getArguments().map((a) => {
    const v = a.getValue();
    const eq = v.indexOf("=");
    return { name: eq > 0 ? v.slice(0, eq) : v, hasValue: eq > 0, range: a.getRange() };
  });
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/undefined-variable",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Declare variables (ARG or ENV) before ENV, COPY, ADD, WORKDIR, USER, LABEL, VOLUME or RUN flags use them.",
    rationale:
      "The builder expands `$VAR` in these instructions itself, and an unknown variable becomes an empty string without any error: `COPY $SRC .` copies the whole context and `ENV PATH=$PAHT:/app/bin` wipes the PATH. Every stage starts with its own scope: global ARGs must be re-declared inside the stage, and ARG values carry over only to stages built FROM this one. Shell-form RUN, CMD and ENTRYPOINT are left alone because the shell expands them at run time. Since base-image configuration cannot be read offline, names that common official images set (`PATH`, `PYTHON_VERSION`, `JAVA_HOME`…) count as defined in stages built on an external image; add your own with the `imageVariables` option. When a name looks like a typo of a defined one, the fix offers the correction.",
    examples: [
      {
        bad: "FROM alpine:3.20 AS base\nCOPY $foo .\n",
        good: "FROM alpine:3.20 AS base\nARG foo\nCOPY $foo .\n",
      },
      {
        bad: "FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n",
        good: "FROM alpine:3.20\nENV PATH=$PATH:/app/bin\n",
      },
    ],
    equivalents: ["buildkit:UndefinedVar"],
    messages: {
      undefined: "`${{name}}` is not defined at this point and expands to an empty string.",
      undefinedSuggest: "`${{name}}` is not defined at this point (did you mean `${{suggestion}}`?).",
    },
    options: {
      imageVariables: { description: "More variable names to treat as set by base images.", type: "string[]", default: [] },
    },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, options }) {
    const extra = Array.isArray(options.imageVariables) ? options.imageVariables.filter((x): x is string => typeof x === "string") : [];
    const imageEnv = new Set([...COMMON_IMAGE_ENV, ...extra]);
    const globalDefaults = dockerfile.globalArgDefaults;
    /** What a stage leaves in the environment for stages built FROM it. */
    const exported = new Map<Stage, Set<string>>();
    let suggestionsLeft = 100;

    for (const stage of dockerfile.stages) {
      const inherited = stage.parent ? (exported.get(stage.parent) ?? new Set<string>()) : new Set<string>();
      const env = new Set<string>(inherited);
      const declared = new Set<string>();
      const root = dockerfile.rootImage(stage);
      const external = !root.isScratch;
      const known = (name: string) =>
        env.has(name) || declared.has(name) || NOT_ENV.has(name) || name === "PATH" || (external && imageEnv.has(name));

      for (const ins of stage.instructions) {
        if (!EXPANDED.has(ins.keyword)) continue;
        const uses = usesOf(dockerfile, ins);
        if (ins.keyword === "ARG") {
          // each ARG of the line sees the ones before it
          for (const p of propertyNames(ins)) {
            for (const u of uses.filter((x) => rangeWithin(x.range, p.range))) check(u);
            declared.add(p.name);
            if (p.hasValue || globalDefaults.has(p.name)) env.add(p.name);
          }
          continue;
        }
        for (const u of uses) check(u);
        if (ins.keyword === "ENV") for (const p of propertyNames(ins)) env.add(p.name);
      }
      exported.set(stage, env);

      function* candidates(): Iterable<string> {
        yield* env;
        yield* declared;
        if (external) yield* imageEnv;
        yield "PATH";
      }

      function check(u: Use) {
        if (known(u.name)) return;
        // typo suggestions cost an edit distance per candidate: keep that bounded on huge files
        const suggestion = suggestionsLeft-- > 0 ? suggestName(u.name, candidates()) : undefined;
        const fixes: Fix[] = suggestion
          ? [{ title: `Change to ${suggestion}`, safe: false, edits: [{ range: u.nameRange, newText: suggestion }] }]
          : [];
        report({
          messageId: suggestion ? "undefinedSuggest" : "undefined",
          range: u.range,
          data: { name: u.name, suggestion: suggestion ?? "" },
          fixes,
        });
      }
    }
  },
});

function rangeWithin(inner: Range, outer: Range): boolean {
  const le = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}
