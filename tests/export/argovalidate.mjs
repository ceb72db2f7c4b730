// Validates exported Argo Workflows (YAML files given on the command line) against Argo's
// published schema, through the ajv validators @kubernetes-models/argo-workflows generates from
// it (tst_argoschema; tools from tests/export/setup-argo-tools.sh). Also checks what the schema
// cannot: every template a task or onExit names exists, dependencies name tasks of the same DAG.
// Usage: node argovalidate.mjs --tools DIR FILE...   Exit 0 when all are valid.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const args = process.argv.slice(2);
const toolsAt = args.indexOf("--tools");
const tools = args[toolsAt + 1];
const files = args.filter((_, i) => i !== toolsAt && i !== toolsAt + 1);
const require = createRequire(path.join(path.resolve(tools), "package.json"));
const load = (m) => import(pathToFileURL(require.resolve(m)).href);
const YAML = await load("yaml");
// The package is ESM-only with "import" exports, which require.resolve does not follow.
const { Workflow } = await import(
  pathToFileURL(path.join(path.resolve(tools),
    "node_modules/@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow.js")).href);

let failed = 0;
for (const file of files) {
  const doc = YAML.parse(readFileSync(file, "utf8"));
  const problems = [];
  try {
    new Workflow(doc).validate();
  } catch (e) {
    problems.push(e.message);
  }
  if (doc.apiVersion !== "argoproj.io/v1alpha1" || doc.kind !== "Workflow")
    problems.push("not an argoproj.io/v1alpha1 Workflow");
  const templates = new Set((doc.spec?.templates ?? []).map((t) => t.name));
  if (!templates.has(doc.spec?.entrypoint)) problems.push(`entrypoint ${doc.spec?.entrypoint} missing`);
  if (doc.spec?.onExit && !templates.has(doc.spec.onExit)) problems.push(`onExit ${doc.spec.onExit} missing`);
  for (const t of doc.spec?.templates ?? []) {
    const tasks = t.dag?.tasks ?? [];
    const names = new Set(tasks.map((k) => k.name));
    for (const k of tasks) {
      if (!templates.has(k.template)) problems.push(`${t.name}/${k.name}: template ${k.template} missing`);
      for (const d of k.dependencies ?? [])
        if (!names.has(d)) problems.push(`${t.name}/${k.name}: dependency ${d} not in the DAG`);
    }
  }
  if (problems.length) {
    failed++;
    console.log(`${file}: INVALID\n  ${problems.join("\n  ")}`);
  } else {
    console.log(`${file}: valid`);
  }
}
process.exit(failed ? 1 : 0);
