// The program a first start shows: micrograd's README example, from examples/.
import { examples } from './teaching/examples.js';

export const readmeExample = examples.find((e) => e.file === 'micrograd-readme.ts')!.source;
