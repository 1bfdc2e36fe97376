/** Process entry of the `parallax` command (bin/parallax.js runs the compiled copy). */
import { processContext } from './context.js';
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), processContext());
