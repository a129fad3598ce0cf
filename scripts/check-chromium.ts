// Runs before the e2e suite: the tests use Debian's Chromium, never a downloaded browser.
import fs from 'node:fs';
import { CHROMIUM_PATH } from './chromium';

const path = CHROMIUM_PATH;
if (!fs.existsSync(path)) {
  console.error(
    `Chromium was not found at ${path}.\n` +
      "Install Debian's Chromium (as root):  apt-get update && apt-get install -y chromium\n" +
      'or point CHROMIUM_PATH at a Chromium binary. (Do not run "npx playwright install": nothing can be downloaded here.)',
  );
  process.exit(1);
}
