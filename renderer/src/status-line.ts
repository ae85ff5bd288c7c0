// The status line in the top bar (`65,818 values in 5,403 groups · 143 drawn ·
// ran in 809 ms · …`). Each part between the dots stays on one line and the
// line may take two (styles.css #status): on one line at 1280 px the end,
// with the run time, was cut off. The tooltip holds the whole line and `detail`.

export function showStatus(status: HTMLElement, text: string, detail = ''): void {
  const parts = text.split(' · ').map((part) => {
    const span = document.createElement('span');
    span.textContent = part;
    return span;
  });
  status.replaceChildren(...parts.flatMap((span, i) => (i === 0 ? [span] : [' · ', span])));
  status.title = detail === '' ? text : `${text}\n${detail}`;
}
