/** `npm stop`: undoes `npm start` (unloads the sideloaded add-in, or stops the preview server). */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pidFile = path.join(root, ".tmp", "dev-server.pid");

if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid);
    console.log(`stopped the DealLoop dev server (pid ${pid})`);
  } catch {
    console.log("the DealLoop dev server was not running");
  }
  fs.rmSync(pidFile);
} else {
  const stop = spawnSync("npx", ["office-addin-debugging", "stop", "manifest.xml"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  process.exitCode = stop.status ?? 0;
}
