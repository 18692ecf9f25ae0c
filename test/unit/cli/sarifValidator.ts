/**
 * A focused check of the SARIF 2.1.0 fields GitHub code scanning needs (its upload rejects logs without them):
 * version, $schema, runs[].tool.driver.name and rules, results with ruleId, a message text, and physical
 * locations with a relative artifact URI and a 1-based region. The full OASIS schema is checked as well
 * when a package in node_modules ships it (see sarif.test.ts).
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  if (!isObject(log)) return ["the log must be an object"];
  need(log.version === "2.1.0", 'version must be "2.1.0"');
  need(typeof log.$schema === "string" && /sarif-2\.1\.0|sarif-schema-2\.1\.0/.test(log.$schema), "$schema must name SARIF 2.1.0");
  const runs = log.runs;
  if (!Array.isArray(runs) || runs.length === 0) return [...problems, "runs must be a non-empty array"];
  for (const [r, run] of runs.entries()) {
    if (!isObject(run)) {
      problems.push(`runs[${r}] must be an object`);
      continue;
    }
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    if (!driver) {
      problems.push(`runs[${r}].tool.driver is required`);
      continue;
    }
    need(typeof driver.name === "string" && driver.name.length > 0, `runs[${r}].tool.driver.name is required`);
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    const ids = new Set<string>();
    for (const [i, rule] of rules.entries()) {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      if (!isObject(rule)) {
        problems.push(`${at} must be an object`);
        continue;
      }
      need(typeof rule.id === "string" && rule.id.length > 0, `${at}.id is required`);
      if (typeof rule.id === "string") {
        need(!ids.has(rule.id), `${at}.id ${rule.id} is duplicated`);
        ids.add(rule.id);
      }
      for (const field of ["shortDescription", "fullDescription"]) {
        const v = rule[field];
        need(isObject(v) && typeof v.text === "string" && v.text.length > 0, `${at}.${field}.text is required`);
      }
      need(isObject(rule.help) && typeof rule.help.text === "string", `${at}.help.text is required`);
      if (isObject(rule.help) && rule.help.markdown !== undefined) need(typeof rule.help.markdown === "string", `${at}.help.markdown`);
      if (rule.helpUri !== undefined)
        need(typeof rule.helpUri === "string" && /^https?:\/\//.test(rule.helpUri), `${at}.helpUri must be a URL`);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      need(level === undefined || ["none", "note", "warning", "error"].includes(level as string), `${at}.defaultConfiguration.level`);
      if (isObject(rule.properties) && rule.properties["security-severity"] !== undefined) {
        const s = Number(rule.properties["security-severity"]);
        need(typeof rule.properties["security-severity"] === "string" && s >= 0 && s <= 10, `${at}.properties.security-severity`);
      }
    }
    const results = run.results;
    if (!Array.isArray(results)) {
      problems.push(`runs[${r}].results must be an array`);
      continue;
    }
    for (const [i, res] of results.entries()) {
      const at = `runs[${r}].results[${i}]`;
      if (!isObject(res)) {
        problems.push(`${at} must be an object`);
        continue;
      }
      need(typeof res.ruleId === "string" && ids.has(res.ruleId), `${at}.ruleId must name a rule in tool.driver.rules`);
      if (res.ruleIndex !== undefined) {
        const rule = rules[res.ruleIndex as number];
        need(Number.isInteger(res.ruleIndex) && isObject(rule) && rule.id === res.ruleId, `${at}.ruleIndex must point at ruleId`);
      }
      need(["none", "note", "warning", "error"].includes(res.level as string), `${at}.level must be none|note|warning|error`);
      need(isObject(res.message) && typeof res.message.text === "string" && res.message.text.length > 0, `${at}.message.text is required`);
      const locations = res.locations;
      if (!Array.isArray(locations) || locations.length === 0) {
        problems.push(`${at}.locations must be a non-empty array`);
        continue;
      }
      for (const [j, loc] of locations.entries()) {
        const phys = isObject(loc) && isObject(loc.physicalLocation) ? loc.physicalLocation : undefined;
        if (!phys) {
          problems.push(`${at}.locations[${j}].physicalLocation is required`);
          continue;
        }
        const uri = isObject(phys.artifactLocation) ? phys.artifactLocation.uri : undefined;
        need(
          typeof uri === "string" && uri.length > 0 && !/^[a-z]+:/i.test(uri) && !uri.startsWith("/"),
          `${at}.locations[${j}] artifactLocation.uri must be a relative URI`,
        );
        const region = phys.region;
        if (!isObject(region)) {
          problems.push(`${at}.locations[${j}].region is required`);
          continue;
        }
        const { startLine, startColumn, endLine, endColumn } = region;
        need(Number.isInteger(startLine) && (startLine as number) >= 1, `${at} region.startLine must be >= 1`);
        if (startColumn !== undefined) need(Number.isInteger(startColumn) && (startColumn as number) >= 1, `${at} region.startColumn >= 1`);
        if (endLine !== undefined) need(Number.isInteger(endLine) && (endLine as number) >= (startLine as number), `${at} region.endLine`);
        if (endColumn !== undefined) {
          need(Number.isInteger(endColumn) && (endColumn as number) >= 1, `${at} region.endColumn >= 1`);
          if (endLine === startLine && startColumn !== undefined)
            need((endColumn as number) >= (startColumn as number), `${at} region.endColumn before startColumn`);
        }
      }
    }
  }
  return problems;
}
