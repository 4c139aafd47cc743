/* eslint-disable no-undef */
/**
 * Builds the add-in: the custom functions (functions.js + functions.json generated from their
 * JSDoc), the taskpane (which also hosts the functions: one shared runtime), the manifest with
 * its URLs pointed at the deployment, and icons. office.js comes from the Office CDN, as Microsoft
 * requires of a production add-in; the dev server (the offline preview) and an air-gapped build
 * (`npm run build -- --env offline`) serve the local @microsoft/office-js copy instead.
 */
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const TerserPlugin = require("terser-webpack-plugin");
const fs = require("fs");
const path = require("path");
const { productionManifest } = require("./scripts/productionManifest");

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_LOCAL = "office-js/office.js";
/** Where a production build is served from: `npm run build -- --env url=https://…/`. */
const defaultUrlProd = "https://localhost:3000/";

/**
 * The development certificate. Installing its CA needs administrator rights; it is tried only where
 * desktop Excel runs (Windows, macOS). Elsewhere, and where installing fails, the generated
 * certificate is served as it is and the browser asks once to accept it.
 */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      const options = await devCerts.getHttpsServerOptions();
      return { ca: options.ca, key: options.key, cert: options.cert };
    } catch (error) {
      console.warn(
        `The development CA could not be installed (${error.message.split("\n")[0]}); serving its certificate anyway.`
      );
    }
  }
  const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
  if (!fs.existsSync(path.join(dir, "localhost.crt"))) await devCerts.generateCertificates();
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return { ca: read("ca.crt"), key: read("localhost.key"), cert: read("localhost.crt") };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const urlProd = env.url || defaultUrlProd;
  const serving = Boolean(env.WEBPACK_SERVE);
  const localOffice = serving || Boolean(env.offline);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type errors are reported by `npm run typecheck`; the bundle only needs JavaScript.
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "esnext" } },
          },
        },
      ],
    },
    performance: { hints: false },
    optimization: {
      // ExcelJS (loaded only when the preview downloads a workbook) ships minified: its own chunk,
      // left out of minification, takes a third off every production build.
      splitChunks: {
        cacheGroups: {
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: "exceljs-lib",
            chunks: "async",
            enforce: true,
          },
        },
      },
      minimizer: [new TerserPlugin({ exclude: /^exceljs-lib\./ })],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        scriptLoading: "blocking",
        templateParameters: { officeJs: localOffice ? OFFICE_LOCAL : OFFICE_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "src/help/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              dev ? content : productionManifest(content.toString(), urlProd),
          },
          // The air-gapped build: office.js loads sibling files, so the whole folder goes beside the
          // taskpane. It is already minified: marking it so keeps Terser from spending minutes on it.
          ...(serving || !env.offline
            ? []
            : [
                {
                  from: "node_modules/@microsoft/office-js/dist",
                  to: "office-js",
                  info: { minimized: true },
                },
              ]),
        ],
      }),
    ],
    devServer: serving
      ? {
          headers: { "Access-Control-Allow-Origin": "*" },
          static: [
            {
              directory: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"),
              publicPath: "/office-js",
            },
          ],
          // `--env http` serves plain http (a browser preview without the development certificate).
          server: env.http ? "http" : { type: "https", options: await httpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
          // The development server is for this machine only.
          host: "localhost",
        }
      : undefined,
  };
};
