// Validates GitHub Actions workflow files against GitHub's own workflow schema with
// @actions/workflow-parser (the parser of GitHub's Actions language services): unknown keys,
// wrong types, bad expressions, undefined `needs`, invalid events or cron lines all fail.
//   node validate-workflow.mjs                  every file of .github/workflows
//   node validate-workflow.mjs FILE [FILE...]   these files
// Prints each error as "file: message" and exits 1 when there is any; 0 when all are valid.
import { readFile, readdir } from "node:fs/promises";
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The package imports its JSON schema without `with { type: "json" }` (it is built for bundlers),
// which Node refuses: a load hook serves a .json file as a module exporting its content.
const jsonAsModule = `
export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json")) {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL(url), "utf8");
    return { format: "module", source: "export default " + source + ";", shortCircuit: true };
  }
  return nextLoad(url, context);
}`;
register("data:text/javascript," + encodeURIComponent(jsonAsModule));
const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } = await import("@actions/workflow-parser");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

async function workflowFiles() {
  const dir = path.join(root, ".github", "workflows");
  const names = await readdir(dir);
  return names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => path.join(dir, name));
}

async function validate(file) {
  const content = await readFile(file, "utf8");
  const name = path.relative(root, path.resolve(file));
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const messages = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value !== undefined && messages.length === 0) {
    // Conversion checks what the schema alone cannot (e.g. `needs` naming a job that exists).
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const error of template.errors ?? []) {
      messages.push(error.Message);
    }
    if ((template.jobs ?? []).length === 0) {
      messages.push(`${name}: no jobs`);
    }
  } else if (parsed.value === undefined && messages.length === 0) {
    messages.push(`${name}: not a workflow`);
  }
  return messages.map((message) => (message.startsWith(name) ? message : `${name}: ${message}`));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
if (files.length === 0) {
  console.error("no workflow files");
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const errors = await validate(file);
  if (errors.length > 0) {
    failed++;
    errors.forEach((error) => console.error(error));
  } else {
    console.log(`${path.relative(root, path.resolve(file))}: valid`);
  }
}
process.exit(failed > 0 ? 1 : 0);
