/** Issue 11, item 8: a production manifest names the deployment everywhere, and only over https. */
import { readFileSync } from "fs";
import path from "path";
const { productionManifest } = require("../../scripts/productionManifest") as {
  productionManifest: (manifest: string, url: string) => string;
};

const manifest = readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");

describe("the production manifest", () => {
  test("every localhost address is replaced, the AppDomain (no trailing slash) included", () => {
    const built = productionManifest(manifest, "https://deals.example.com/addin/");
    expect(built).not.toMatch(/localhost/);
    expect(built).toContain("<AppDomain>https://deals.example.com</AppDomain>");
    expect(built).toContain('DefaultValue="https://deals.example.com/addin/taskpane.html"');
    // As many addresses as the source manifest has.
    const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
    expect(count(built, /https:\/\/deals\.example\.com/g)).toBe(
      count(manifest, /https:\/\/localhost:3000/g)
    );
  });

  test("an address without a trailing slash gets one before the file names", () => {
    const built = productionManifest(manifest, "https://deals.example.com");
    expect(built).toContain('DefaultValue="https://deals.example.com/functions.js"');
  });

  test("an http:// address, or no address, is refused", () => {
    expect(() => productionManifest(manifest, "http://deals.example.com/")).toThrow(
      "must start with https://"
    );
    expect(() => productionManifest(manifest, "deals.example.com")).toThrow("is not an address");
  });

  test("an address is written as XML text: a quote or & cannot break the manifest", () => {
    const built = productionManifest(manifest, 'https://deals.example.com/a?x=1&y="2"');
    expect(built).toContain("https://deals.example.com/a?x=1&amp;y=%222%22/taskpane.html");
  });
});
