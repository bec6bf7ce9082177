import { ConfigError } from './config';
import { AuditTampered, CliError, runCommand, USAGE, UsageError } from './commands';

/** The sync server's command line: `tsx sync-server/cli.ts <command>` (see commands.ts and docs/operations.md). */
runCommand(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof AuditTampered) process.exit(1);
  if (err instanceof ConfigError || err instanceof CliError) {
    process.stderr.write(`${err.message}\n${err instanceof UsageError ? `\n${USAGE}\n` : ''}`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
