/**
 * The manifest, checked offline (`office-addin-manifest validate` needs Microsoft's online
 * service): it parses, declares what a shared-runtime custom-functions add-in must, and every URL
 * it names is https on one origin and resolves to a file the build produces.
 */
import { XMLParser } from "fast-xml-parser";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const manifest = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(
  xml
).OfficeApp;
const overrides = manifest.VersionOverrides;
const host = overrides.Hosts.Host;
const resources = overrides.Resources;

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const byId = (list: unknown, id: string): string | undefined =>
  asArray(list as { "@id": string; "@DefaultValue": string }[]).find(
    (item) => item["@id"] === id
  )?.["@DefaultValue"];

const urls: string[] = Array.from(xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g), (m) => m[1]);

/** Where each served path comes from in the repository (before or after the build). */
const SERVED_FROM: Record<string, string> = {
  "functions.js": "src/functions/functions.ts",
  "functions.json": "src/functions/functions.ts",
  "taskpane.html": "src/taskpane/taskpane.html",
  "help.html": "src/help/help.html",
};

describe("manifest.xml", () => {
  it("is an Excel task pane add-in with an id and version", () => {
    expect(manifest["@xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(manifest.Hosts.Host["@Name"]).toBe("Workbook");
  });

  it("requires the shared runtime and runs functions and taskpane in it", () => {
    expect(
      asArray(manifest.Requirements.Sets.Set).map((s: { "@Name": string }) => s["@Name"])
    ).toContain("SharedRuntime");
    expect(host.Runtimes.Runtime["@resid"]).toBe("Taskpane.Url");
    expect(host.Runtimes.Runtime["@lifetime"]).toBe("long");
    const functionsPoint = host.AllFormFactors.ExtensionPoint;
    expect(functionsPoint["@xsi:type"]).toBe("CustomFunctions");
    expect(functionsPoint.Page.SourceLocation["@resid"]).toBe("Taskpane.Url");
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe("Taskpane.Url");
  });

  it("declares the DEAL namespace and resolves the functions' script and metadata", () => {
    const functionsPoint = host.AllFormFactors.ExtensionPoint;
    expect(
      byId(resources["bt:ShortStrings"]["bt:String"], functionsPoint.Namespace["@resid"])
    ).toBe("DEAL");
    expect(
      byId(resources["bt:Urls"]["bt:Url"], functionsPoint.Script.SourceLocation["@resid"])
    ).toMatch(/\/functions\.js$/);
    expect(
      byId(resources["bt:Urls"]["bt:Url"], functionsPoint.Metadata.SourceLocation["@resid"])
    ).toMatch(/\/functions\.json$/);
  });

  it("defines every resource id it refers to", () => {
    const defined = new Set(
      [
        resources["bt:Images"]["bt:Image"],
        resources["bt:Urls"]["bt:Url"],
        resources["bt:ShortStrings"]["bt:String"],
      ]
        .concat(resources["bt:LongStrings"]["bt:String"])
        .flatMap((list) => asArray(list as { "@id": string }[]).map((item) => item["@id"]))
    );
    const referenced = Array.from(xml.matchAll(/resid="([^"]+)"/g), (m) => m[1]);
    expect(referenced.filter((id) => !defined.has(id))).toEqual([]);
  });

  it("uses https on one origin for every URL, and lists that origin as an app domain", () => {
    const origins = new Set(urls.map((url) => new URL(url).origin));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((url) => !url.startsWith("https://"))).toEqual([]);
    expect([...origins]).toEqual([manifest.AppDomains.AppDomain]);
  });

  it("names only icons and pages the project provides", () => {
    const missing = urls
      .map((url) => new URL(url).pathname.slice(1))
      .filter((servedPath) => {
        const source = servedPath.startsWith("assets/") ? servedPath : SERVED_FROM[servedPath];
        return !source || !fs.existsSync(path.join(root, source));
      });
    expect(missing).toEqual([]);
  });

  it("gives every icon size Office asks for", () => {
    const images = asArray(resources["bt:Images"]["bt:Image"]) as { "@id": string }[];
    expect(images.map((image) => image["@id"]).sort()).toEqual([
      "Icon.16x16",
      "Icon.32x32",
      "Icon.80x80",
    ]);
    for (const size of [16, 32, 80]) {
      const png = fs.readFileSync(path.join(root, `assets/icon-${size}.png`));
      // PNG signature, then the IHDR width and height.
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
