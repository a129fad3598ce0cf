// `npm run sandbox`: the Flex sandbox on its own, on FLEX_SANDBOX_PORT with data in DATA_DIR.
import { sandboxEnv } from './env';
import { startSandbox } from './server';

async function main() {
  const env = sandboxEnv(process.env);
  const sandbox = await startSandbox(env);
  console.log(
    `Flex sandbox listening on ${sandbox.url}/v1 (data in ${env.dataDir}); keys: ${env.keys.join(', ')}`,
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
