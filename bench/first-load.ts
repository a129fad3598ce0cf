// First-load JavaScript of a route, read from the production build (no browser): the root chunks every
// page loads, plus every chunk of the route's layouts' and page's entries and the chunks split off them.
// Chunks loaded later (next/dynamic, import()) are not counted: they are not on the way to a usable page.
// Sizes are gzip level 6, what the app server sends.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Manifest = { clientModules: Record<string, { chunks: string[] }> };

function clientManifest(dist: string, route: string): Manifest {
  const file = path.join(dist, 'server', 'app', ...route.split('/').filter(Boolean), 'page_client-reference-manifest.js');
  const sandbox = { self: {} as { __RSC_MANIFEST?: Record<string, Manifest> } };
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[page]; run it against a stand-in.
  new Function('self', 'globalThis', fs.readFileSync(file, 'utf8'))(sandbox.self, sandbox.self);
  const all = sandbox.self.__RSC_MANIFEST ?? {};
  const m = all[`${route === '/' ? '' : route}/page`];
  if (!m) throw new Error(`No client manifest for ${route} in ${file}`);
  return m;
}

/** `static/chunks/app/customers/%5Bid%5D/page-….js` → `customers/[id]/page` */
function entryOf(chunk: string): string | null {
  const m = /^static\/chunks\/app\/(.*)-[0-9a-f]+\.js$/.exec(chunk);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function firstLoadFiles(route: string, dist = '.next'): string[] {
  const build = JSON.parse(fs.readFileSync(path.join(dist, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const segments = route.split('/').filter(Boolean);
  const entries = new Set<string>();
  for (let i = 0; i <= segments.length; i++) entries.add([...segments.slice(0, i), 'layout'].join('/'));
  entries.add([...segments, 'page'].join('/'));
  const files = new Set(build.rootMainFiles);
  for (const mod of Object.values(clientManifest(dist, route).clientModules)) {
    const chunkFiles = mod.chunks.filter((_, i) => i % 2 === 1);
    const entry = entryOf(chunkFiles.at(-1) ?? '');
    if (entry && entries.has(entry)) for (const f of chunkFiles) files.add(f);
  }
  return [...files].sort();
}

export function firstLoadJs(route: string, dist = '.next'): { bytes: number; files: number } {
  const files = firstLoadFiles(route, dist);
  let bytes = 0;
  for (const f of files) {
    const p = path.join(dist, decodeURIComponent(f));
    bytes += zlib.gzipSync(fs.readFileSync(p), { level: 6 }).length;
  }
  return { bytes, files: files.length };
}
