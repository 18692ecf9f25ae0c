/**
 * How a container can start as root and still run its work as an unprivileged user, without a USER instruction.
 * Each entry says where the behaviour is documented.
 */

/** Programs an entrypoint uses to step down from root to another user before it execs the real command. */
export const STEP_DOWN_TOOLS = ["gosu", "su-exec"] as const;

/**
 * Servers whose master process starts as root (to bind low ports, read keys) and runs every worker as an
 * unprivileged user it switches to itself.
 */
export const SELF_DROPPING_SERVERS: Record<string, string> = {
  nginx: "nginx `user` directive (worker processes; nobody by default, `nginx`/`www-data` in the distributions' nginx.conf)",
  httpd: "Apache httpd `User`/`Group` directives (child processes; `daemon` in the official httpd image)",
  "apache2-foreground": "the official php:*-apache images start Apache, whose `User`/`Group` are www-data",
  apache2: "Apache httpd `User`/`Group` directives (www-data on Debian)",
  apachectl: "Apache httpd `User`/`Group` directives",
  "php-fpm": "php-fpm pool `user`/`group` (www-data in the official php:*-fpm images)",
};

/** The server a CMD/ENTRYPOINT program name starts, when it is one that drops privileges itself. */
export function selfDroppingServer(program: string): string | undefined {
  const name = program.replace(/^.*\//, "").replace(/[0-9.]+$/, "");
  return Object.prototype.hasOwnProperty.call(SELF_DROPPING_SERVERS, name) ? name : undefined;
}
