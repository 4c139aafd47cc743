/**
 * What a browser test of the add-in needs: a production build (reused while no source changed),
 * a tiny static server on 127.0.0.1, and headless Chromium that can reach nothing but that server
 * (the Office CDN's office.js is answered from the local copy of the same package).
 * Shared by the end-to-end test and the taskpane benchmark.
 */
import { execFileSync } from "child_process";
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "fs";
import http from "http";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { extname, join, normalize, resolve, sep } from "path";
import { BrowserContext, chromium } from "playwright-core";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Where the production build loads office.js from (webpack.config.js). */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_LOCAL = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

/**
 * A private output folder: `npm run build` and other tools clean dist/ whenever they build, which
 * must not pull files from under a running test.
 */
export const BUILD_DIR = join(ROOT, ".tmp", "taskpane-dist");

/** What the build reads: a change to any of these makes the last build stale. */
const BUILD_INPUTS = [
  "src",
  "assets",
  "manifest.xml",
  "webpack.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** When `dir` holds a production build (minified, no source maps, office.js from the CDN) newer than `inputs`. */
function isFreshProductionBuild(dir: string, inputs: number): boolean {
  const html = join(dir, "taskpane.html");
  if (!existsSync(html) || statSync(html).mtimeMs <= inputs) return false;
  if (readdirSync(dir).some((name) => name.endsWith(".map"))) return false;
  return readFileSync(html, "utf8").includes(`src="${OFFICE_CDN}office.js"`);
}

/**
 * The production build in BUILD_DIR: the one there if it is newer than every input, else a copy of
 * `npm run build`'s dist/ if that one is (CI builds it just before the tests), else a new build.
 */
export function freshBuild(): { dir: string; built: boolean; seconds: number } {
  const inputs = Math.max(...BUILD_INPUTS.map((input) => newestChange(join(ROOT, input))));
  if (isFreshProductionBuild(BUILD_DIR, inputs))
    return { dir: BUILD_DIR, built: false, seconds: 0 };
  const started = Date.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const dist = join(ROOT, "dist");
  if (isFreshProductionBuild(dist, inputs)) {
    cpSync(dist, BUILD_DIR, { recursive: true, preserveTimestamps: true });
    return { dir: BUILD_DIR, built: false, seconds: (Date.now() - started) / 1000 };
  }
  execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", BUILD_DIR],
    { cwd: ROOT, stdio: "pipe", timeout: 180_000 }
  );
  return { dir: BUILD_DIR, built: true, seconds: (Date.now() - started) / 1000 };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` over plain http on 127.0.0.1 at a free port. */
export function serve(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = http.createServer((request, response) => {
    const path = normalize(
      join(root, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname))
    );
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(response);
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      done({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((closed) => server.close(() => closed())),
      });
    })
  );
}

/** Chromium's flags for a closed network: without them it floods it with background requests. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  /** Every request the pages tried outside `origin` (each was refused). */
  outside: string[];
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile whose pages may load only from `origin`. */
export async function launch(origin: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "dealloop-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 420, height: 900 },
  });
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("blob:") || url.startsWith("data:"))
      return route.continue();
    outside.push(url);
    return route.abort();
  });
  // Registered last, so tried first: the CDN's files from the local copy of the same office.js.
  await context.route(`${OFFICE_CDN}**`, (route) => {
    const relative = new URL(route.request().url()).pathname.slice(
      new URL(OFFICE_CDN).pathname.length
    );
    const file = normalize(join(OFFICE_LOCAL, relative));
    if (!file.startsWith(OFFICE_LOCAL + sep) || !existsSync(file)) return route.abort();
    const contentType = TYPES[extname(file)] ?? "application/octet-stream";
    return route.fulfill({ contentType, body: readFileSync(file) });
  });
  return {
    context,
    outside,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Whether Chromium is here. Without it the browser tests are skipped with a loud message; with
 * CI=true a missing Chromium is a failure, not a skip.
 */
export function chromiumStatus(): { present: boolean; message: string; mustFail: boolean } {
  const present = existsSync(CHROMIUM);
  const message =
    "\n**********************************************************************\n" +
    `  Chromium (${CHROMIUM}) is not installed: the taskpane's browser test was SKIPPED.\n` +
    "  Install it with: apt-get install -y chromium\n" +
    "**********************************************************************\n";
  return { present, message, mustFail: !present && process.env.CI === "true" };
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));
