import { checkProject, minimize } from "./check";
import { loadSeeds, mutant } from "./mutants";
const seeds = loadSeeds(process.cwd());
for (const i of process.argv.slice(2).map(Number)) {
  const p = mutant(seeds, 1, i);
  const r = checkProject(p);
  for (const f of r.failures) {
    const min = minimize(p, f.signature, 300);
    console.log(`=== ${i} ${f.message}\n${p.target}\n${JSON.stringify(min)}`);
  }
}
