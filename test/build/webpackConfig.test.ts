/**
 * What the webpack configuration asks for, read from the configuration itself: a production build
 * loads office.js from the Office CDN and copies no office.js of its own (Microsoft's guidance for
 * add-ins; dist/ stays small), the air-gapped build (`--env offline`) and the dev server use the
 * local copy, and the dev server listens on localhost only. The built files are checked by
 * `npm run check-build` in CI and by the browser test.
 */
import { resolve } from "path";

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

interface Plugin {
  constructor: { name: string };
  userOptions?: { templateParameters?: { officeJs?: string } };
  patterns?: { from: string }[];
}
interface Config {
  plugins: Plugin[];
  devServer?: { host?: string; port?: number };
}

const makeConfig = require(resolve(__dirname, "../../webpack.config.js")) as (
  env: Record<string, unknown>,
  options: { mode: string }
) => Promise<Config>;

const officeJsOf = (config: Config) =>
  config.plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin")?.userOptions
    ?.templateParameters?.officeJs;
const copiesOfficeJs = (config: Config) =>
  config.plugins
    .flatMap((p) => p.patterns ?? [])
    .some((pattern) => pattern.from.includes("@microsoft/office-js"));

describe("webpack.config.js", () => {
  it("production: office.js from the Office CDN, no local copy in dist/", async () => {
    const config = await makeConfig({}, { mode: "production" });
    expect(officeJsOf(config)).toBe(OFFICE_CDN);
    expect(copiesOfficeJs(config)).toBe(false);
  });

  it("--env offline: the local copy, shipped beside the taskpane", async () => {
    const config = await makeConfig({ offline: true }, { mode: "production" });
    expect(officeJsOf(config)).toBe("office-js/office.js");
    expect(copiesOfficeJs(config)).toBe(true);
  });

  it("the dev server: the local copy, on localhost only", async () => {
    const config = await makeConfig({ WEBPACK_SERVE: true, http: true }, { mode: "development" });
    expect(officeJsOf(config)).toBe("office-js/office.js");
    expect(config.devServer?.host).toBe("localhost");
  });
});
