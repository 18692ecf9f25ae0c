/** What counts as a secret, shared by the Dockerfile and compose rules. */

const SECRET_NAME =
  /(^|_|-)(PASSWORD|PASSWD|PWD|PASS|SECRET|SECRETS|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CLIENT_?SECRET|AUTH|CREDENTIALS?|DSN)(_|-|$)/i;
const NOT_SECRET =
  /(_FILE|_PATH|_DIR|_URL_FILE|_LENGTH|_MIN|_MAX|_ENABLED|_REQUIRED|_POLICY|_HASH_ALGORITHM|_TTL|_EXPIRY|_EXPIRES?|_TYPE|_METHOD|_HEADER|_NAME|_USER|_USERNAME)$/i;

/** True for names like `POSTGRES_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`; false for `POSTGRES_PASSWORD_FILE`. */
export function isSecretName(name: string): boolean {
  const n = name.trim();
  if (NOT_SECRET.test(n)) return false;
  return SECRET_NAME.test(n) || /^(GF_SECURITY_ADMIN_PASSWORD|SENTRY_DSN)$/i.test(n);
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
