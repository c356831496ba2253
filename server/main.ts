// Entry point of `npm start`: reads the environment, starts the server, prints where it is.
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/migrate';
import { startServer } from './start';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix these environment variables and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
  try {
    const server = await startServer(config);
    process.stdout.write(
      `${[
        '',
        `  ${config.practice.name} patient portal is running.`,
        `  Open ${server.url} in your browser.`,
        `  Database: ${config.databasePath}`,
        '',
      ].join('\n')}\n`,
    );
    const stop = () => {
      server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof MigrationError) {
      process.stderr.write(
        `${error.message}\nThe database was left exactly as it was before this migration. Fix the migration and start again.\n`,
      );
      process.exit(1);
    }
    throw error;
  }
}

await main();
