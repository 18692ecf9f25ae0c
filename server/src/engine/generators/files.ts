/** What every generator returns: files to write, relative to the project folder. */
export interface GeneratedFile {
  /** POSIX path relative to the project root; never absolute, never `..`. */
  path: string;
  contents: string;
}

/** Joins lines with `\n` and ends the file with exactly one newline. */
export function lines(...parts: (string | false | undefined | null)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string")
    .join("\n")
    .replace(/\n*$/, "\n");
}

/** True when `rel` stays inside the project folder. */
export function isSafeRelativePath(rel: string): boolean {
  if (rel === "" || rel.startsWith("/") || rel.startsWith("\\") || /^[A-Za-z]:/.test(rel)) return false;
  return !rel.split(/[\\/]/).some((seg) => seg === "..");
}

/** Quotes a YAML scalar when it needs it (always double quotes, so `${VAR}` stays readable). */
export function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** An exec-form JSON array for Dockerfile CMD/ENTRYPOINT/HEALTHCHECK (and compose `test`/`command`). */
export function execForm(args: string[]): string {
  return "[" + args.map((a) => JSON.stringify(a)).join(", ") + "]";
}

/**
 * `.gitignore` lines that keep the real env files (they hold secrets) out of version control while the committed
 * `.example` templates stay in. Merged into an existing `.gitignore`, never replacing it.
 */
export function envGitignore(): GeneratedFile {
  return {
    path: ".gitignore",
    contents: lines(
      "# Real environment files hold secrets; the .example templates are committed.",
      ".env",
      ".env.*",
      "!.env.example",
      "!.env.*.example",
    ),
  };
}

/** Every variable a compose file interpolates (`${NAME}`, `${NAME:-default}`, `${NAME:?message}`), in order. */
export function composeVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out;
}
