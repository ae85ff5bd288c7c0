// `Value(2.0)` without `new`, as micrograd's README writes it (Python has no
// `new`): programs run by Gradscope get this Value, a function that makes a
// Value when called and is the class in every other way (`new Value(2)`,
// `instanceof Value`, `class Mine extends Value`). The library's own Value
// stays a plain class.

import { Value } from '../value.js';

/** Callable with or without `new`; its instances are Values. */
export const CallableValue = function Value(data: number, label?: string | null): Value {
  // Called (no new.target) or `new Value(…)`: the class itself, on its fast path.
  // `super(…)` in a subclass: built as that subclass.
  return new.target === undefined || new.target === CallableValue ? new RealValue(data, label) : Reflect.construct(RealValue, [data, label], new.target);
} as unknown as typeof Value & ((data: number, label?: string | null) => Value);

const RealValue = Value;
CallableValue.prototype = Value.prototype;
Object.setPrototypeOf(CallableValue, Value);
