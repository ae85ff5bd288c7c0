// micrograd's operators on Values (`a * b`, `b ** 3`, `c += 1`) run, because the
// runner rewrites them (engine/runner/instrument.ts); TypeScript itself has no
// operator overloading and would underline every one. This drops exactly those
// complaints from the editor's TypeScript markers, and the ones that follow
// from them (TypeScript types `a * b` as a number, so `(a * b).relu()` "does
// not exist on type 'number'"). Other type errors stay.

// Types only, so that the rule above can be tested without a browser.
import type * as Monaco from 'monaco-editor/editor';

/** The members of a Value a program reaches after an operator (engine/value.ts). */
const valueMembers = new Set([
  'data', 'grad', 'label', 'op', 'k', 'a', 'b', 'inputs', 'module', 'id', 'site',
  'add', 'sub', 'mul', 'div', 'neg', 'pow', 'relu', 'leakyRelu', 'tanh', 'exp', 'log', 'sigmoid',
  'backward', '_backward',
]);

// An operand that is surely not a Value: text, booleans, arrays, objects.
const notAValue = /^\s*(['"`[{]|true\b|false\b|null\b|undefined\b)/;

/** True for a TypeScript diagnostic that only says "operators do not work on Values".
 *  `operand` is the source text the diagnostic underlines. */
export function isValueOperatorComplaint(code: number, message: string, operand: string): boolean {
  switch (code) {
    case 2362: // The left-hand side of an arithmetic operation must be of type 'any', 'number', …
    case 2363: // The right-hand side …
      return !notAValue.test(operand);
    case 2365: // Operator '+' cannot be applied to types 'Value' and 'number'.
      return /^Operator '(\+|-|\*|\/|\*\*)(=)?' cannot be applied to types/.test(message) && /\bValue\b/.test(message);
    case 2339: { // Property 'relu' does not exist on type 'number'.
      const m = /^Property '(\w+)' does not exist on type 'number'\.$/.exec(message);
      return m !== null && valueMembers.has(m[1]);
    }
    case 2322: // Type 'number' is not assignable to type 'Value'.
    case 2345: // Argument of type 'number' is not assignable to parameter of type 'Value'.
      return /^(Type|Argument of type) 'number' is not assignable to (type|parameter of type) '(Value|Operand)'/.test(message);
    default:
      return false;
  }
}

/** Keeps the editor's TypeScript markers free of those complaints, as they come. */
export function allowValueOperators(monaco: typeof Monaco, model: Monaco.editor.ITextModel): void {
  const owner = 'typescript'; // the owner Monaco's TypeScript diagnostics use
  monaco.editor.onDidChangeMarkers((uris) => {
    if (model.isDisposed() || !uris.some((u) => u.toString() === model.uri.toString())) return;
    const markers = monaco.editor.getModelMarkers({ owner, resource: model.uri });
    const kept = markers.filter((m) => {
      const code = Number(typeof m.code === 'object' ? m.code.value : m.code);
      return !isValueOperatorComplaint(code, m.message, model.getValueInRange(m));
    });
    // Setting the markers fires this again, with nothing left to drop.
    if (kept.length !== markers.length) monaco.editor.setModelMarkers(model, owner, kept);
  });
}
