/** Generated inputs for the benchmark and the bad-input tests: realistic text of a chosen size. */

/** A multi-stage Dockerfile of about `lines` lines: apt installs with continuations, ENV, COPY, a few stages. */
export function generateDockerfile(lines: number): string {
  const out = ["# syntax=docker/dockerfile:1", "ARG PY=3.13", "FROM python:${PY}-slim AS builder", "WORKDIR /app"];
  for (let i = 0; out.length < lines - 4; i++) {
    out.push(`RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} \\`, `    && rm -rf /var/lib/apt/lists/*`);
    out.push(`ENV VAR_${i}=value${i}`, `COPY src/part${i} /app/part${i}`);
    if (i % 500 === 499) out.push(`FROM builder AS stage${i}`);
  }
  out.push("FROM python:3.13-slim", "COPY --from=builder /app /app", "USER 1000", 'CMD ["python", "-m", "app"]');
  return out.join("\n") + "\n";
}

/** A compose file with `services` services: images, ports, environment, healthchecks and depends_on. */
export function generateCompose(services: number): string {
  const out = ["name: bench", "services:"];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:1.${i % 10}.0`,
      `    restart: unless-stopped`,
      `    ports:`,
      `      - "127.0.0.1:${10000 + i}:8000"`,
      `    environment:`,
      `      LOG_LEVEL: info`,
      `      DATABASE_URL: \${DATABASE_URL}`,
      `    healthcheck:`,
      `      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]`,
      `      interval: 10s`,
      `      start_period: 20s`,
    );
    if (i > 0) out.push(`    depends_on:`, `      svc${i - 1}:`, `        condition: service_healthy`);
  }
  return out.join("\n") + "\n";
}

/** Like generateCompose, with every service merging one `x-` anchor (`<<: *defaults`) and naming it once more. */
export function generateMergedCompose(services: number): string {
  const out = [
    "name: bench",
    "x-defaults: &defaults",
    "  restart: unless-stopped",
    "  environment: &env",
    "    LOG_LEVEL: info",
    "services:",
  ];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      `    <<: *defaults`,
      `    image: registry.example.com/team/svc${i}:1.${i % 10}.0`,
      `    ports:`,
      `      - "127.0.0.1:${10000 + i}:8000"`,
      `    labels: *env`,
      `    healthcheck:`,
      `      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]`,
      `      interval: 10s`,
    );
  }
  return out.join("\n") + "\n";
}
