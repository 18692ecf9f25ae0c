/** What a `.dockerignore` should keep out of the build context; shared by rules, fixes and generators. */

export interface IgnoreEntry {
  /** The pattern to add. */
  pattern: string;
  /** A path the pattern must exclude for the entry to count as present. */
  probe: string;
  /** Why it matters, a few words (used in messages and comments). */
  why: string;
}

/** Secrets: `.env`, `.env.production` …, keeping the committed `.env.example`. */
export const ENV_ENTRIES: IgnoreEntry[] = [
  { pattern: ".env", probe: ".env", why: "local secrets" },
  { pattern: ".env.*", probe: ".env.production", why: "environment files with secrets" },
  { pattern: "!.env.example", probe: "", why: "the committed template is safe" },
];
export const GIT_ENTRIES: IgnoreEntry[] = [{ pattern: ".git", probe: ".git/config", why: "history, credentials in remotes" }];
export const VENV_ENTRIES: IgnoreEntry[] = [
  { pattern: ".venv", probe: ".venv/bin/python", why: "a host virtualenv that does not run in the image" },
];

/** The contents of a new `.dockerignore` for a project (Python and/or Node). */
export function recommendedDockerignore(project: { python?: boolean; node?: boolean } = { python: true }): string {
  const lines = [
    "# Keep the build context small and free of secrets",
    ".git",
    ".gitignore",
    ".env",
    ".env.*",
    "!.env.example",
    "**/.DS_Store",
    ".vscode/",
    ".idea/",
  ];
  if (project.python !== false) {
    lines.push(
      "",
      "# Python",
      ".venv",
      "venv/",
      "**/__pycache__",
      "**/*.py[cod]",
      ".pytest_cache/",
      ".mypy_cache/",
      ".ruff_cache/",
      ".coverage",
      "htmlcov/",
    );
  }
  if (project.node) lines.push("", "# Node", "node_modules/", "npm-debug.log*", "dist/");
  return lines.join("\n") + "\n";
}
