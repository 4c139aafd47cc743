/**
 * The library's capital web as the contagion engine reads it: the current figure of every flow
 * (a later cumulative figure supersedes an earlier one), investments as equity and spend or
 * compute purchases as commitments. Flows the sources name without a figure are kept apart,
 * listed, and never counted as zero.
 */
import { EdgeKind, WebEdge } from "../engine/contagion";
import { CapitalFlow, currentCapitalFlows } from "./library";
import { FlowKind, LibraryDeal } from "./schema";

const EDGE_KIND: Record<FlowKind, EdgeKind> = {
  investment: "equity",
  spend_commitment: "commitment",
  compute_purchase: "commitment",
};

export interface CapitalWeb {
  /** Each with the deal and fact its figure comes from. */
  edges: (WebEdge & { deal: string; fact: string; status: string })[];
  /** Flows the sources name without a figure. */
  unquantified: CapitalFlow[];
  /** Every party in a flow, with or without a figure, sorted. */
  parties: string[];
}

export function capitalWeb(deals: readonly LibraryDeal[]): CapitalWeb {
  const flows = currentCapitalFlows(deals);
  const edges = flows.flatMap((flow) =>
    flow.amount === undefined
      ? []
      : [
          {
            from: flow.from,
            to: flow.to,
            amount: flow.amount,
            kind: EDGE_KIND[flow.kind],
            deal: flow.deal,
            fact: flow.fact,
            status: flow.status,
          },
        ]
  );
  const parties = [...new Set(flows.flatMap((f) => [f.from, f.to]))].sort();
  return { edges, unquantified: flows.filter((f) => f.amount === undefined), parties };
}
