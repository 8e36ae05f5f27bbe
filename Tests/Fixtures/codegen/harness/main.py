# Runtime harness for the generated Python: a recording transport, JSON lines out.
import json
from trackplan_events import *


def emit(o):
    print(json.dumps(o, sort_keys=True, ensure_ascii=False))


class Recorder:
    def send(self, event, properties):
        emit({"kind": "send", "event": event, "properties": properties})

    def send_with_consent(self, event, properties, purposes):
        emit({"kind": "consent", "event": event, "properties": properties, "purposes": purposes})

    def rejected(self, event, problems):
        emit({"kind": "rejected", "event": event, "problems": problems})


def returned(b):
    emit({"kind": "returned", "value": b})


tp = TrackPlan(Recorder(), lambda: TrackPlanCommon(event_id="123e4567-e89b-12d3-a456-426614174000", session_id="s1", page_view_id="pv1", client_ts=1732406400000))
returned(tp.homepage_banner_exposure(banner_id="b1", position_index=1, campaign=HomepageBannerExposureCampaign.DOUBLE11,
                                     product=HomepageBannerExposureProduct(sku_id="sku1", price=9.5)))
returned(tp.homepage_banner_exposure(banner_id="b1", position_index=1, campaign=HomepageBannerExposureCampaign.DOUBLE11,
                                     product=HomepageBannerExposureProduct(sku_id="sku1", price=9.5)))
returned(tp.homepage_banner_click(banner_id="b1", position_index=1, contact_phone="13800000000"))
returned(tp.homepage_banner_click(banner_id="b1", position_index=1))
returned(tp.homepage_banner_exposure(banner_id="x" * 70, position_index=2))
returned(tp.purchase_completed(order_id="o1", total_value=19.9, currency=PurchaseCompletedCurrency.CNY,
                               payment_method=PurchaseCompletedPaymentMethod.ALIPAY,
                               items=[PurchaseCompletedItemsItem(sku_id="sku1", quantity=2, price=9.95)]))
