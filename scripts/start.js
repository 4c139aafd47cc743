/**
 * `npm start`: where desktop Excel exists (Windows, macOS) office-addin-debugging builds, serves
 * over https and sideloads the add-in; `npm stop` undoes it. Elsewhere (Linux, a reviewer's
 * machine) there is no Excel to sideload into: the dev server keeps serving and this prints the
 * browser preview and how to sideload into Excel on the web.
 */
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const port = process.env.npm_package_config_dev_server_port || 3000;
const pidFile = path.join(root, ".tmp", "dev-server.pid");

function desktopExcel() {
  if (process.platform === "win32") return true;
  return process.platform === "darwin" && fs.existsSync("/Applications/Microsoft Excel.app");
}

/** The pid of a dev server an earlier `npm start` left running, or undefined. */
function runningServer() {
  if (!fs.existsSync(pidFile)) return undefined;
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function run(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
    ...options,
  });
  child.on("exit", (code) => (process.exitCode = code ?? 0));
  return child;
}

if (desktopExcel()) {
  run("npx", [
    "office-addin-debugging",
    "start",
    "manifest.xml",
    "desktop",
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    String(port),
  ]);
} else if (runningServer()) {
  console.log(
    `The DealLoop dev server is already running (pid ${runningServer()}): https://localhost:${port}/taskpane.html\n` +
      "`npm stop` stops it."
  );
} else {
  console.log(
    [
      "No desktop Excel on this machine: serving the add-in without sideloading.",
      `  Preview (no Excel; builds downloadable workbooks): https://localhost:${port}/taskpane.html`,
      "  Excel on the web: open a workbook, Home > Add-ins > More Add-ins > Upload My Add-in,",
      `  and choose ${path.join(root, "manifest.xml")}`,
      "  (the browser must trust https://localhost:" +
        port +
        ": open it once and accept the development certificate).",
      "  The server listens on this machine only (localhost). `npm stop` stops it.",
    ].join("\n")
  );
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  const server = run(process.execPath, [webpackCli, "serve", "--mode", "development"]);
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(pidFile, String(server.pid));
}
