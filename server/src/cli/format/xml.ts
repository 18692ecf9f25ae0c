/**
 * Text for an XML 1.0 attribute or element: markup characters escaped, and the characters XML 1.0 cannot carry at
 * all (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, since a
 * finding's message may quote any byte of the linted file.
 */
export function xmlText(s: string): string {
  return s
    .replace(
      // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML 1.0 cannot carry
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

export function xmlAttributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join("");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
