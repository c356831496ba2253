// Entry point of `npm start`: reads the environment, starts the server, prints where it is.
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/migrate';
import { DEMO_PASSWORD, type DemoSignIn } from './services/demo/accounts';
import { startServer } from './start';

/** The fictional demo patients' and care team's sign-ins, so a visitor can try the portal at once. */
function demoSignInLines(signIns: DemoSignIn[]): string[] {
  if (signIns.length === 0) return [];
  const width = Math.max(...signIns.map((s) => s.email.length));
  return [
    '  Demo sign-ins (fictional people): e-mail, password, recovery code',
    ...signIns.map(
      (s) =>
        `    ${s.email.padEnd(width)}  ${DEMO_PASSWORD}  ${s.recoveryCode}  (${s.name}${s.role === 'staff' ? ', practice staff' : ''})`,
    ),
    '',
  ];
}

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
        ...demoSignInLines(server.demoSignIns),
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
