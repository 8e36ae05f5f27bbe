// Runtime harness for the generated Swift: calls generated functions with a
// recording transport and prints what the transport received, one JSON line each.
import Foundation

final class Recorder: TrackPlanTransport {
    func emit(_ object: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
    func send(event: String, properties: [String: TrackPlanValue]) {
        emit(["kind": "send", "event": event, "properties": properties.mapValues(\.jsonObject)])
    }
    func sendWithConsent(event: String, properties: [String: TrackPlanValue], purposes: [String]) {
        emit(["kind": "consent", "event": event, "properties": properties.mapValues(\.jsonObject), "purposes": purposes])
    }
    func rejected(event: String, problems: [String]) {
        emit(["kind": "rejected", "event": event, "problems": problems])
    }
}

let recorder = Recorder()
let tp = TrackPlan(transport: recorder) {
    TrackPlanCommon(eventId: "123e4567-e89b-12d3-a456-426614174000", sessionId: "s1", pageViewId: "pv1", clientTs: 1732406400000)
}
func returned(_ b: Bool) { recorder.emit(["kind": "returned", "value": b]) }

returned(tp.homepageBannerExposure(bannerId: "b1", positionIndex: 1, campaign: .double11,
                                    product: HomepageBannerExposureProduct(skuId: "sku1", price: 9.5)))
returned(tp.homepageBannerExposure(bannerId: "b1", positionIndex: 1, campaign: .double11,
                                    product: HomepageBannerExposureProduct(skuId: "sku1", price: 9.5)))
returned(tp.homepageBannerClick(bannerId: "b1", positionIndex: 1, contactPhone: "13800000000"))
returned(tp.homepageBannerClick(bannerId: "b1", positionIndex: 1))
returned(tp.homepageBannerExposure(bannerId: String(repeating: "x", count: 70), positionIndex: 2))
returned(tp.purchaseCompleted(orderId: "o1", totalValue: 19.9, currency: .cny, paymentMethod: .alipay,
                              items: [PurchaseCompletedItemsItem(skuId: "sku1", quantity: 2, price: 9.95)]))
