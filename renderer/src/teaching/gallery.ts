// The examples gallery: File ▸ Examples, the toolbar's Examples… button, and
// the start screen on a first start. Picking one opens it as a new unsaved
// document.

import type { Example } from './examples-data.js';

export const welcomedKey = 'gradscope.welcomed';

export class Gallery {
  readonly dialog: HTMLDialogElement;
  private readonly heading: HTMLElement;
  private readonly intro: HTMLElement;

  constructor(examples: Example[], private readonly open: (example: Example) => void) {
    const dialog = document.createElement('dialog');
    dialog.id = 'gallery';
    dialog.setAttribute('aria-labelledby', 'gallery-title');
    this.heading = document.createElement('h2');
    this.heading.id = 'gallery-title';
    this.intro = document.createElement('p');
    this.intro.className = 'hint';
    const list = document.createElement('ul');
    list.className = 'gallery-list';
    for (const example of examples) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'gallery-card';
      button.dataset.example = example.file;
      const title = document.createElement('strong');
      title.textContent = example.title;
      const text = document.createElement('span');
      text.textContent = example.description;
      const look = document.createElement('em');
      look.className = 'gallery-look';
      look.textContent = example.lookAt;
      const file = document.createElement('code');
      file.textContent = `examples/${example.file}`;
      button.append(title, text, ...(example.lookAt === '' ? [] : [look]), file);
      button.onclick = () => this.pick(example);
      item.append(button);
      list.append(item);
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'gallery-close';
    close.textContent = 'Close';
    close.onclick = () => dialog.close();
    dialog.addEventListener('close', () => localStorage.setItem(welcomedKey, '1'));
    dialog.append(this.heading, this.intro, list, close);
    document.body.append(dialog);
    this.dialog = dialog;
  }

  show(start = false): void {
    this.heading.textContent = start ? 'Welcome to Gradscope' : 'Examples';
    this.intro.textContent = start
      ? 'Pick an example to open it, or close this to start with micrograd’s README expression. File ▸ Examples brings this back.'
      : 'Each opens as a new unsaved document and runs.';
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** First start: no draft and never welcomed. */
  static firstStart(draftKey: string): boolean {
    return localStorage.getItem(draftKey) === null && localStorage.getItem(welcomedKey) === null;
  }

  private pick(example: Example): void {
    this.dialog.close();
    this.open(example);
  }
}
