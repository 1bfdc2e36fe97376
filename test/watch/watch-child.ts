/**
 * Child process for the watch signal test: `parallax watch` as a program of its own (the real CLI
 * wires it the same way). Usage: node --import tsx test/watch/watch-child.ts watch ARGS...
 */
import { Command } from 'commander';
import { registerWatch } from '../../src/cli/commands/watch.js';
import { processContext } from '../../src/cli/context.js';

const ctx = processContext();
const program = new Command();
registerWatch(program, ctx);
await program.parseAsync(process.argv);
process.exitCode = ctx.exitCode ?? 0;
