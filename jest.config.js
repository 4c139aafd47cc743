/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // Transpile only: `npm run typecheck` (tsc) checks the types once for the whole project.
  transform: {
    "^.+\\.[tj]sx?$": [
      "ts-jest",
      { tsconfig: { allowJs: true, jsx: "react-jsx", isolatedModules: true } },
    ],
  },
  // office-addin-mock's dependency chain ships ESM-only packages; let ts-jest transform them.
  transformIgnorePatterns: [
    "/node_modules/(?!(strip-bom|uuid|node-fetch|data-uri-to-buffer|fetch-blob|formdata-polyfill)/)",
  ],
  testTimeout: 30000,
  // At least two workers, even on two cores: while one waits on LibreOffice or Chromium (separate
  // processes), the other runs the unit suites.
  maxWorkers: Math.max(2, require("os").cpus().length - 1),
};
