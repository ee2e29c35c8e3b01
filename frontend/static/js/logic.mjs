// Evaluates "show if" conditions in the browser.
//
// This is the twin of surveys/logic/evaluate.py and must follow exactly the same rules; the
// tree it walks is the JSON from surveys/logic/ast.py (to_json). When you change one, change
// the other: tests/surveys/test_logic_js_parity.py runs both on the same cases.

const NUMERIC_TEXT = /^-?[0-9]+(?:\.[0-9]+)?$/;
// An explicit set, because String.prototype.trim() and Python's str.strip() disagree on Unicode.
const EDGE_SPACES = /^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g;

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const isNumber = (value) => typeof value === "number";
const isString = (value) => typeof value === "string";

export function isTrue(value) {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (isNumber(value)) return value !== 0 && !Number.isNaN(value);
  if (isString(value) || Array.isArray(value)) return value.length > 0;
  return false;
}

export function evaluate(ast, answers) {
  return evaluateNode(ast, answers || {});
}

function evaluateNode(node, answers) {
  switch (node && node.type) {
    case "number":
    case "string":
      return canonical(node.value);
    case "ref":
      return hasOwn(answers, node.code)
        ? canonical(answers[node.code])
        : null;
    case "neg":
      return negate(evaluateNode(node.operand, answers));
    case "binop":
      return evaluateBinop(node, answers);
    case "call":
      return evaluateCall(node, answers);
    default:
      return null;
  }
}

// An answer or literal in canonical form; shapes we do not understand count as empty.
function canonical(value) {
  if (typeof value === "boolean" || isNumber(value) || isString(value)) return value;
  if (Array.isArray(value)) return value.filter(isString);
  return null;
}

function isEmpty(value) {
  return value === null || ((isString(value) || Array.isArray(value)) && value.length === 0);
}

function toNumber(value) {
  if (isNumber(value)) return value;
  if (!isString(value)) return null;
  const text = value.replace(EDGE_SPACES, "");
  return NUMERIC_TEXT.test(text) ? Number(text) : null;
}

function toText(value) {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (isNumber(value)) return String(value);
  if (Array.isArray(value)) return value.join(" ");
  return value;
}

const boolAsText = (value) => (typeof value === "boolean" ? toText(value) : value);

function evaluateBinop(node, answers) {
  const { op } = node;
  if (op === "and") {
    return isTrue(evaluateNode(node.left, answers)) && isTrue(evaluateNode(node.right, answers));
  }
  if (op === "or") {
    return isTrue(evaluateNode(node.left, answers)) || isTrue(evaluateNode(node.right, answers));
  }
  const left = evaluateNode(node.left, answers);
  const right = evaluateNode(node.right, answers);
  if (op === "=") return equal(left, right);
  if (op === "!=") return !equal(left, right);
  if (hasOwn(ORDERINGS, op)) return ordered(ORDERINGS[op], left, right);
  if (hasOwn(ARITHMETIC, op)) return arithmetic(ARITHMETIC[op], left, right);
  return null;
}

function equal(left, right) {
  if (isEmpty(left) || isEmpty(right)) return isEmpty(left) && isEmpty(right);
  if (Array.isArray(left) || Array.isArray(right)) return toText(left) === toText(right);
  const a = boolAsText(left);
  const b = boolAsText(right);
  if (isNumber(a) || isNumber(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x !== null && y !== null && x === y;
  }
  return a === b;
}

// Python compares strings by code point; JavaScript's < compares UTF-16 units, which differs
// for characters beyond U+FFFF.
function compareCodePoints(a, b) {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const difference = left[i].codePointAt(0) - right[i].codePointAt(0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

const ORDERINGS = {
  "<": (sign) => sign < 0,
  "<=": (sign) => sign <= 0,
  ">": (sign) => sign > 0,
  ">=": (sign) => sign >= 0,
};

function ordered(accept, left, right) {
  if (isEmpty(left) || isEmpty(right) || Array.isArray(left) || Array.isArray(right)) {
    return false;
  }
  const a = boolAsText(left);
  const b = boolAsText(right);
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) {
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    return accept(x < y ? -1 : x > y ? 1 : 0);
  }
  if (isString(a) && isString(b)) return accept(compareCodePoints(a, b));
  return false;
}

const ARITHMETIC = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  div: (a, b) => (b === 0 ? null : a / b),
  mod: (a, b) => (b === 0 ? null : a % b),
};

function arithmetic(operate, left, right) {
  const x = toNumber(left);
  const y = toNumber(right);
  if (x === null || y === null) return null;
  return operate(x, y);
}

function negate(value) {
  const number = toNumber(value);
  return number === null ? null : -number;
}

function selected(answer, choice) {
  if (Array.isArray(answer)) return answer.includes(toText(choice));
  return isString(answer) && answer !== "" && answer === toText(choice);
}

function countSelected(answer) {
  if (Array.isArray(answer)) return answer.length;
  return isString(answer) && answer !== "" ? 1 : 0;
}

// Keyed by name and number of arguments, like _FUNCTIONS in evaluate.py.
const FUNCTIONS = {
  "selected/2": selected,
  "count-selected/1": countSelected,
  "string-length/1": (value) => [...toText(value)].length,
  "not/1": (value) => !isTrue(value),
  "true/0": () => true,
  "false/0": () => false,
};

function evaluateCall(node, answers) {
  const args = Array.isArray(node.args) ? node.args : [];
  const key = `${node.name}/${args.length}`;
  if (!hasOwn(FUNCTIONS, key)) return null;
  return FUNCTIONS[key](...args.map((arg) => evaluateNode(arg, answers)));
}
