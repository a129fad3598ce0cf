// The server the e2e suite runs against: the production build on the embedded sandbox, on a fresh
// temporary DATA_DIR, with the sandbox's test-only admin routes enabled.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const dataDir = process.env.DATA_DIR ?? '.e2e-data';
fs.rmSync(dataDir, { recursive: true, force: true });
const child = spawn('npm', ['start'], { stdio: 'inherit', env: { ...process.env, DATA_DIR: dataDir } });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
