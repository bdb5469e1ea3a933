// Prints bench:web's result as the last thing on the terminal (JSON).
import { readFileSync } from 'node:fs';
process.stdout.write(readFileSync(new URL('../../../test-results/bench-web.json', import.meta.url), 'utf8') + '\n');
