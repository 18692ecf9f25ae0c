/** `shipshape init dockerfile|dagster|recipes|dockerignore …`: owned by the generators work. Returns the exit code. */
export async function runInit(
  argv: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string },
): Promise<number> {
  void argv;
  io.stderr("shipshape init: not implemented yet\n");
  return 2;
}
