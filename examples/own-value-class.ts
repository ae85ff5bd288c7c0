// Debug your own Value class: micrograd as you would write it yourself, with
// one bug. `debug(L)` does what `L.backward()` does, with your class's own
// `_backward` functions, one node at a time, and checks each step against the
// chain rule. Look at: the node marked ⚠, and the explanation line when you
// step (F10) past it; then change `=` to `+=` in `add`.
class Value {
  data: number;
  grad = 0;
  _backward = () => {};
  _prev: Set<Value>;
  _op: string;
  label: string;

  constructor(data: number, children: Value[] = [], op = '', label = '') {
    this.data = data;
    this._prev = new Set(children);
    this._op = op;
    this.label = label;
  }

  add(other: Value): Value {
    const out = new Value(this.data + other.data, [this, other], '+');
    out._backward = () => {
      this.grad = out.grad; // the bug: a value used twice loses its other contribution
      other.grad += out.grad;
    };
    return out;
  }

  mul(other: Value): Value {
    const out = new Value(this.data * other.data, [this, other], '*');
    out._backward = () => {
      this.grad += other.data * out.grad;
      other.grad += this.data * out.grad;
    };
    return out;
  }
}

const a = new Value(2.0);
const b = new Value(-3.0);
const c = new Value(10.0);
const x = a.mul(b);
const s = x.add(c);
const L = s.mul(x); // x is used twice: by `+` (s) and by `*` (L)
debug(L);
console.log(`a.grad = ${a.grad}, b.grad = ${b.grad} (with += in add: 6 and -4)`);
