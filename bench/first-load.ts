// First-load JavaScript of a page as transferred (compressed bytes on the wire), measured in Chromium.
import type { Browser } from 'playwright';

export async function firstLoadJs(
  browser: Browser,
  url: string,
  cookie?: { name: string; value: string; url: string },
): Promise<{ bytes: number; files: number }> {
  const context = await browser.newContext();
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const scripts = new Set<string>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  return { bytes, files: scripts.size };
}
