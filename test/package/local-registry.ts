/**
 * A registry on 127.0.0.1 that serves exactly the published package's dependency tree, as the
 * lockfile pins it, with tarball bytes from the local npm cache (content-addressed by integrity,
 * where `npm ci` left them). So installing the packed tarball needs no network, and a dependency
 * the lockfile does not pin for it is a 404 that names it, not a silent download.
 */
import {existsSync, readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {type AddressInfo} from 'node:net';
import {join} from 'node:path';

interface LockEntry {
  name?: string;
  version: string;
  integrity: string;
  dependencies?: Record<string, string>;
  hasInstallScript?: boolean;
}

interface Lockfile {
  packages: Record<string, LockEntry | undefined>;
}

export interface Served {
  /** The name a dependency is installed under (an alias: `keytar`). */
  folder: string;
  /** The registry name (`@github/keytar`). */
  name: string;
  entry: LockEntry;
}

/** The runtime tree of `dependencies`: each package and, recursively, what it depends on. */
export function runtimeTree(lock: Lockfile, dependencies: Record<string, string>): Served[] {
  const served = new Map<string, Served>();
  const visit = (folder: string, parent: string) => {
    // Node's lookup: nested under the parent first, then hoisted.
    const key = [`${parent}/node_modules/${folder}`, `node_modules/${folder}`].find(
      (candidate) => lock.packages[candidate],
    );
    if (!key) throw new Error(`package-lock.json has no entry for ${folder} (needed by ${parent})`);
    if (served.has(key)) return;
    const entry = lock.packages[key]!;
    served.set(key, {folder, name: entry.name ?? folder, entry});
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(dep, key);
  };
  for (const dep of Object.keys(dependencies)) visit(dep, '');
  return [...served.values()];
}

/** Where npm's content-addressed cache keeps the bytes with this integrity. */
function cachedTarball(cacheDir: string, integrity: string): string {
  const [algorithm, base64] = integrity.split('-', 2) as [string, string];
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return join(
    cacheDir,
    '_cacache',
    'content-v2',
    algorithm,
    hex.slice(0, 2),
    hex.slice(2, 4),
    hex.slice(4),
  );
}

export interface LocalRegistry {
  url: string;
  /** Every path npm asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startLocalRegistry(options: {
  served: Served[];
  /** The npm cache holding the tarballs (`npm config get cache`). */
  cacheDir: string;
}): Promise<LocalRegistry> {
  for (const {name, entry} of options.served) {
    const file = cachedTarball(options.cacheDir, entry.integrity);
    if (!existsSync(file)) {
      throw new Error(
        `${name}@${entry.version} is not in the npm cache at ${options.cacheDir} (run npm ci, which puts it there)`,
      );
    }
  }
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const tarball = /^\/-\/tarball\/(.+)-(\d[^/]*)\.tgz$/.exec(path);
    const wanted = tarball ? tarball[1] : path.slice(1);
    const versions = options.served.filter((s) => s.name === wanted);
    if (versions.length === 0) {
      response.writeHead(404, {'content-type': 'application/json'});
      response.end(JSON.stringify({error: `not in the lockfile's runtime tree: ${wanted}`}));
      return;
    }
    if (tarball) {
      const match = versions.find((s) => s.entry.version === tarball[2]);
      if (!match) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {'content-type': 'application/octet-stream'});
      response.end(readFileSync(cachedTarball(options.cacheDir, match.entry.integrity)));
      return;
    }
    const packument = {
      name: wanted,
      'dist-tags': {latest: versions.at(-1)!.entry.version},
      versions: Object.fromEntries(
        versions.map(({entry}) => [
          entry.version,
          {
            name: wanted,
            version: entry.version,
            dependencies: entry.dependencies ?? {},
            ...(entry.hasInstallScript ? {hasInstallScript: true} : {}),
            dist: {
              tarball: `${base}/-/tarball/${wanted}-${entry.version}.tgz`,
              integrity: entry.integrity,
            },
          },
        ]),
      ),
    };
    response.writeHead(200, {'content-type': 'application/json'});
    response.end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
