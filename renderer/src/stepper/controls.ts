// The stepper bar: buttons, the position slider "Step N of M", the list of
// backward calls and the explanation line. Reads the session, never owns state.

import type { Session } from '../session.js';

export interface StepperElements {
  step: HTMLButtonElement;
  back: HTMLButtonElement;
  toEnd: HTMLButtonElement;
  reset: HTMLButtonElement;
  slider: HTMLInputElement;
  position: HTMLElement;
  calls: HTMLSelectElement;
  explain: HTMLElement;
}

export function bindStepper(el: StepperElements, session: Session): void {
  el.step.onclick = () => session.step();
  el.back.onclick = () => session.stepBack();
  el.toEnd.onclick = () => session.runToEnd();
  el.reset.onclick = () => session.reset();
  el.slider.oninput = () => session.seek(Number(el.slider.value));
  el.calls.onchange = () => void session.showCall(Number(el.calls.value));
}

/** Fills the list of backward calls after a new snapshot. */
export function renderCalls(el: StepperElements, session: Session): void {
  const calls = session.snapshot?.backward ?? [];
  el.calls.replaceChildren(
    ...calls.map((call, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      // The root as its box names it (`g₂`, names.ts).
      option.textContent = `backward() #${i + 1} of ${calls.length}: ${session.displayName(call.root)}, ${call.steps.length} steps`;
      return option;
    }),
  );
  el.calls.value = String(session.callIndex);
  el.calls.disabled = calls.length === 0;
}

export function renderStepper(el: StepperElements, session: Session): void {
  const s = session.stepper;
  const position = s?.position ?? 0;
  const total = s?.total ?? 0;
  el.slider.max = String(total);
  el.slider.value = String(position);
  const name = s ? `Step ${position} of ${total}` : 'Step 0 of 0';
  el.slider.setAttribute('aria-label', name);
  el.slider.setAttribute('aria-valuetext', name);
  el.position.textContent = s ? name : 'no backward() call';
  el.step.disabled = !s || position >= total;
  el.toEnd.disabled = !s || position >= total;
  el.back.disabled = !s || position <= 0;
  el.reset.disabled = !s || position <= 0;
  el.slider.disabled = !s;
  if (el.calls.value !== String(session.callIndex)) el.calls.value = String(session.callIndex);
  const lines = session.explanation();
  el.explain.textContent = lines.join('\n');
}
