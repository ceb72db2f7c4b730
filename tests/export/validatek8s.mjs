// Validates Kubernetes manifests against the API schemas (npm kubernetes-models), for
// tst_bundleexport. Usage: node validatek8s.mjs TOOLS_DIR FILE.yaml...  Prints "ok KIND NAME" per
// document; exits 1 with the validator's message on the first invalid one.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [tools, ...files] = process.argv.slice(2);
const require = createRequire(path.resolve(tools, 'package.json'));
const YAML = require('yaml');
const kinds = {
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
};
let failed = false;
for (const file of files) {
  for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
    const obj = doc.toJS();
    const key = `${obj.apiVersion}/${obj.kind}`;
    if (!kinds[key]) { console.error(`${file}: no validator for ${key}`); failed = true; continue; }
    const Model = kinds[key]();
    try {
      new Model(obj).validate();
      console.log(`ok ${obj.kind} ${obj.metadata?.name}`);
    } catch (e) {
      console.error(`${file}: ${key} invalid: ${e.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
