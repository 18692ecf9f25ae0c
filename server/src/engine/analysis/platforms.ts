/** Platform strings (`os[/arch[/variant]]`) as containerd's platforms package reads them, without a runtime default. */

export const KNOWN_OS = [
  "linux",
  "windows",
  "darwin",
  "freebsd",
  "netbsd",
  "openbsd",
  "solaris",
  "illumos",
  "aix",
  "android",
  "ios",
  "plan9",
  "js",
  "wasip1",
  "dragonfly",
];

const ARCH_ALIASES: Record<string, string> = {
  amd64: "amd64",
  x86_64: "amd64",
  "x86-64": "amd64",
  arm64: "arm64",
  aarch64: "arm64",
  arm: "arm",
  armhf: "arm",
  armel: "arm",
  "386": "386",
  i386: "386",
  i686: "386",
  x86: "386",
  ppc64le: "ppc64le",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  mips64le: "mips64le",
  mips64: "mips64",
  mipsle: "mipsle",
  mips: "mips",
  loong64: "loong64",
  wasm: "wasm",
};

export interface Platform {
  os: string;
  arch: string;
  variant?: string;
}

/** The platform, or a reason why the text is not one. */
export function parsePlatform(text: string): Platform | { error: string } {
  const parts = text.trim().toLowerCase().split("/");
  if (parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return { error: "it has an empty or invalid component" };
  if (parts.length > 3) return { error: "it has more than three components" };
  const [first, second, third] = parts as [string, string | undefined, string | undefined];
  if (parts.length === 1) {
    if (KNOWN_OS.includes(first)) return { os: first, arch: "" };
    const arch = ARCH_ALIASES[first];
    return arch ? { os: "", arch } : { error: `\`${first}\` is neither a known OS nor a known architecture` };
  }
  if (!KNOWN_OS.includes(first)) return { error: `\`${first}\` is not a known operating system` };
  const arch = ARCH_ALIASES[second as string];
  if (!arch) return { error: `\`${second}\` is not a known architecture` };
  return third === undefined ? { os: first, arch } : { os: first, arch, variant: third };
}

export function isPlatform(p: Platform | { error: string }): p is Platform {
  return !("error" in p);
}
