/**
 * The manifest of a production build: every development address (https://localhost:3000, with
 * or without a path) pointed at the deployment's. Only an https address is accepted: Office
 * loads an add-in over https alone, and a manifest left half on localhost fails in every client.
 */
const DEV_ADDRESS = /https:\/\/localhost:3000(\/?)/g;

const xmlAttribute = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `manifest` with each development address replaced by `url` (its origin where no path follows). */
function productionManifest(manifest, url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `--env url=${url} is not an address; give one such as https://addin.example.com/`
    );
  }
  if (parsed.protocol !== "https:")
    throw new Error(
      `--env url=${url} must start with https:// (Office loads add-ins over https only)`
    );
  const base = parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
  return manifest.replace(DEV_ADDRESS, (_, slash) => xmlAttribute(slash ? base : parsed.origin));
}

module.exports = { productionManifest };
