// Runtime harness for the generated TypeScript: a recording transport, JSON lines out.
import { TrackPlan, TrackPlanTransport, HomepageBannerExposureCampaign, PurchaseCompletedCurrency, PurchaseCompletedPaymentMethod } from "./trackplanEvents";

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
const emit = (o: unknown) => console.log(JSON.stringify(sortKeys(o)));
const recorder: TrackPlanTransport = {
  send: (event, properties) => emit({ kind: "send", event, properties }),
  sendWithConsent: (event, properties, purposes) => emit({ kind: "consent", event, properties, purposes }),
  rejected: (event, problems) => emit({ kind: "rejected", event, problems }),
};
const returned = (b: boolean) => emit({ kind: "returned", value: b });
const tp = new TrackPlan(recorder, () => ({ eventId: "123e4567-e89b-12d3-a456-426614174000", sessionId: "s1", pageViewId: "pv1", clientTs: 1732406400000 }));
returned(tp.homepageBannerExposure({ bannerId: "b1", positionIndex: 1, campaign: HomepageBannerExposureCampaign.Double11, product: { skuId: "sku1", price: 9.5 } }));
returned(tp.homepageBannerExposure({ bannerId: "b1", positionIndex: 1, campaign: HomepageBannerExposureCampaign.Double11, product: { skuId: "sku1", price: 9.5 } }));
returned(tp.homepageBannerClick({ bannerId: "b1", positionIndex: 1, contactPhone: "13800000000" }));
returned(tp.homepageBannerClick({ bannerId: "b1", positionIndex: 1 }));
returned(tp.homepageBannerExposure({ bannerId: "x".repeat(70), positionIndex: 2 }));
returned(tp.purchaseCompleted({ orderId: "o1", totalValue: 19.9, currency: PurchaseCompletedCurrency.Cny, paymentMethod: PurchaseCompletedPaymentMethod.Alipay, items: [{ skuId: "sku1", quantity: 2, price: 9.95 }] }));
