import { lint } from "../../server/src/engine/linter";
import { applyEdits } from "../../server/src/engine/text";
import { ALL_ON } from "./check";
const [path, text] = [process.argv[2]!, JSON.parse(process.argv[3]!) as string];
const r = lint({ path, text, config: ALL_ON });
for (const f of r.findings) {
  console.log(f.ruleId, f.message, JSON.stringify(f.range));
  for (const x of f.fixes) {
    const n = applyEdits(text, x.edits);
    console.log("   fix", x.title, x.safe, JSON.stringify(n));
  }
}
