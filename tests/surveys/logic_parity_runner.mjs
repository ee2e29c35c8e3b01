// Evaluates conditions with the browser's evaluator, for test_logic_js_parity.py.
//
// Usage: node logic_parity_runner.mjs <file URL of logic.mjs> < cases.json
// Reads [{"ast": …, "answers": …}, …] and prints one result per case as JSON. Numbers JSON
// cannot carry are written as {"nonfinite": "NaN" | "Infinity" | "-Infinity"}, and an exception
// as {"error": message}, so that Python can tell them apart from null.
const { evaluate } = await import(process.argv[2]);

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));

function encode(value) {
  if (typeof value === "number" && !Number.isFinite(value)) return { nonfinite: String(value) };
  return value === undefined ? { error: "undefined result" } : value;
}

const results = cases.map(({ ast, answers }) => {
  try {
    return encode(evaluate(ast, answers));
  } catch (error) {
    return { error: String(error) };
  }
});
process.stdout.write(JSON.stringify(results));
