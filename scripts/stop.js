/** `npm stop`: undoes `npm start` (stops the preview server, or unloads the sideloaded add-in). */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pidFile = path.join(root, ".tmp", "dev-server.pid");

/** Where `npm start` sideloads into desktop Excel (scripts/start.js). */
const desktopExcel =
  process.platform === "win32" ||
  (process.platform === "darwin" && fs.existsSync("/Applications/Microsoft Excel.app"));

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Asks the server to stop; a webpack still compiling ignores that, so it is ended after 5 s. */
function stopServer(pid) {
  process.kill(pid);
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) spawnSync("sleep", ["0.2"]);
  if (!alive(pid)) return "stopped";
  process.kill(pid, "SIGKILL");
  return "ended (it did not stop within 5 s)";
}

if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  fs.rmSync(pidFile);
  if (alive(pid)) console.log(`The DealLoop dev server (pid ${pid}): ${stopServer(pid)}.`);
  else console.log(`The DealLoop dev server (pid ${pid}) had already stopped; nothing to do.`);
} else if (desktopExcel) {
  const stop = spawnSync("npx", ["office-addin-debugging", "stop", "manifest.xml"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  process.exitCode = stop.status ?? 0;
} else {
  console.log("Nothing to stop: no DealLoop dev server started by `npm start` is running.");
}
