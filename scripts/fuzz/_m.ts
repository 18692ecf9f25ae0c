import { checkProject, minimize } from "./check";
import { loadSeeds, mutant } from "./mutants";
const seeds = loadSeeds(process.cwd());
const p = mutant(seeds, Number(process.argv[2]), Number(process.argv[3]));
const r = checkProject(p, { maxFixes: 50 });
for (const f of r.failures) console.log(f.message, "\n", JSON.stringify(minimize(p, f.signature, 300, { maxFixes: 50 })), Object.keys(p.files));
