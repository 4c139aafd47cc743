/**
 * The taskpane's entry: renders at once (the deal list needs nothing from Office), then learns
 * from Office.onReady whether it runs in Excel or in preview mode.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost, Host } from "./host";

const root = createRoot(document.getElementById("root") as HTMLElement);
const render = (host: Host | undefined) =>
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>
  );

render(undefined);
void detectHost().then(render);
