// The examples/ folder, bundled at build time.
import { sortExamples, type Example } from './examples-data.js';

const files = import.meta.glob('../../../examples/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const examples: Example[] = sortExamples(files);
