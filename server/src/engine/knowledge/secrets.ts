/**
 * What counts as a secret, shared by `dockerfile/secrets-in-build-args`, `compose/no-literal-secrets` and
 * `compose/env-file`.
 *
 * Names: BuildKit's heuristic (SecretsUsedInArgOrEnv). The name is split into words at `_` (and `-`); it is a secret
 * when one word is a secret word and no word is an allow word. BuildKit's words come first in each list; the rest
 * are Shipshape's additions (spellings BuildKit misses, and words that name something about a secret rather than
 * the secret itself).
 */
export const SECRET_WORDS: readonly string[] = [
  // BuildKit
  "apikey",
  "auth",
  "credential",
  "credentials",
  "key",
  "password",
  "pword",
  "passwd",
  "secret",
  "token",
  // Shipshape
  "secrets",
  "pass",
  "pwd",
  "passphrase",
  "accesskey",
  "secretkey",
  "privatekey",
  "dsn",
];

/** A name with one of these words is not a secret (BuildKit's allow words, and GPG key ids, which are public). */
export const ALLOW_WORDS: readonly string[] = ["public", "file", "version", "gpg", "fingerprint"];

/** Shipshape: a name ending in one of these names a place, a size, a switch or a kind of secret, not its value. */
export const ALLOW_LAST_WORDS: readonly string[] = [
  "path",
  "dir",
  "length",
  "min",
  "max",
  "enabled",
  "required",
  "policy",
  "algorithm",
  "ttl",
  "expiry",
  "expires",
  "expire",
  "type",
  "method",
  "header",
  "name",
  "user",
  "username",
  "gpg",
  "fingerprint",
  "url",
  "uri",
  "endpoint",
  "host",
  "port",
  "timeout",
  "mode",
  "provider",
  // what a secret grants or where it is checked, not the secret: GF_AUTH_ANONYMOUS_ORG_ROLE, OAUTH_SCOPES, JWT_ISSUER
  "role",
  "roles",
  "scope",
  "scopes",
  "realm",
  "domain",
  "issuer",
  "audience",
  "strategy",
  "backend",
  "size",
  "bits",
  "format",
  "prefix",
  "interval",
];

const SECRET_SET = new Set(SECRET_WORDS);
const ALLOW_SET = new Set(ALLOW_WORDS);
const ALLOW_LAST_SET = new Set(ALLOW_LAST_WORDS);

/** Names whose words do not say "secret" but whose value is one. */
const SECRET_NAMES = new Set(["GF_SECURITY_ADMIN_PASSWORD", "SENTRY_DSN"]);

/**
 * True for `POSTGRES_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `SSH_KEY`, `DEPLOY_KEY`, `DB_PWORD`,
 * `JWT_SIGNING_KEY`; false for `POSTGRES_PASSWORD_FILE`, `PUBLIC_KEY`, `AUTH_MODULE_VERSION`,
 * `GF_AUTH_ANONYMOUS_ORG_ROLE`, `PWD` (the shell's working directory).
 */
export function isSecretName(name: string): boolean {
  const n = name.trim();
  if (n === "" || /^PWD$/i.test(n)) return false;
  if (SECRET_NAMES.has(n.toUpperCase())) return true;
  const words = n.toLowerCase().split(/[_-]+/).filter(Boolean);
  if (isAllowName(n)) return false;
  return words.some((w) => SECRET_SET.has(w));
}

/** Prefixes of real credentials: GitHub, GitLab, Slack, Stripe, AWS, Google, npm, Hugging Face, SendGrid, PEM keys. */
const TOKEN_PREFIX =
  /^(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z0-9]{30,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{32,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

/** Names of values that are random-looking but public: digests, commit ids, checksums, versions. */
const PUBLIC_RANDOM =
  /(^|_)(SHA\d*|HASH|CHECKSUM|DIGEST|COMMIT|REVISION|REV|ID|UUID|VERSION|FINGERPRINT|GPG|PUBLIC|SALT_ROUNDS|NONCE_SIZE)(_|$)/i;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Why a literal value looks like a real credential whatever its name: a known token prefix, or a long random
 * string (upper and lower case letters and digits, no separators, high entropy) under a name that does not say it
 * is a digest or an id. Undefined when it does not.
 */
export function secretLookingValue(name: string, value: string): "prefix" | "entropy" | undefined {
  const v = value.trim();
  if (v.length < 16 || v.length > 4096 || /\$\{?[A-Za-z_]/.test(v)) return undefined;
  if (TOKEN_PREFIX.test(v)) return "prefix";
  if (PUBLIC_RANDOM.test(name) || isAllowName(name)) return undefined;
  if (v.length < 24 || !/^[A-Za-z0-9+/=_-]+$/.test(v)) return undefined;
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return undefined;
  return entropy(v) >= 4.2 ? "entropy" : undefined;
}

function isAllowName(name: string): boolean {
  const words = name.toLowerCase().split(/[_-]+/).filter(Boolean);
  return words.some((w) => ALLOW_SET.has(w)) || ALLOW_LAST_SET.has(words[words.length - 1] ?? "");
}

/** True when a value is a literal (not empty, not only an interpolated `${VAR}` / `$VAR`, not a true/false switch). */
export function isLiteralValue(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim();
  if (v === "" || v === '""' || v === "''") return false;
  // a switch (`GF_AUTH_DISABLE_LOGIN_FORM=true`) is a setting under a secret-sounding name, never a secret's value
  if (/^(["']?)(true|false|yes|no|on|off)\1$/i.test(v)) return false;
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?+][^}]*)?\}$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return false;
  return true;
}

/** A URL with a password in it: `postgresql://user:secret@db/app` (but not `${PASSWORD}`). */
export function urlWithPassword(value: string): { password: string; start: number } | undefined {
  const m = /[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@\s]+)@/i.exec(value);
  if (!m || !m[1]) return undefined;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*/.test(m[1])) return undefined;
  return { password: m[1], start: m.index + m[0].length - 1 - m[1].length };
}
