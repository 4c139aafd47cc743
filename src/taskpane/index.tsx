import * as React from "react";
import { createRoot } from "react-dom/client";

function Placeholder() {
  return (
    <main>
      <h1>DealLoop</h1>
      <p>Type =DEAL. in a cell to use the deal functions.</p>
    </main>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(<Placeholder />);
