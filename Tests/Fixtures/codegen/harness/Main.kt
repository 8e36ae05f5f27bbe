// Runtime harness for the generated Kotlin: a recording transport, JSON lines out.
import trackplan.*

fun json(v: Any?): String = when (v) {
    null -> "null"
    is String -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
    is Boolean, is Long, is Int, is Double -> v.toString()
    is Map<*, *> -> "{" + v.entries.sortedBy { it.key.toString() }.joinToString(",") { json(it.key.toString()) + ":" + json(it.value) } + "}"
    is List<*> -> "[" + v.joinToString(",") { json(it) } + "]"
    else -> json(v.toString())
}

class Recorder : TrackPlanTransport {
    override fun send(event: String, properties: Map<String, Any?>) =
        println(json(mapOf("kind" to "send", "event" to event, "properties" to properties)))
    override fun sendWithConsent(event: String, properties: Map<String, Any?>, purposes: List<String>) =
        println(json(mapOf("kind" to "consent", "event" to event, "properties" to properties, "purposes" to purposes)))
    override fun rejected(event: String, problems: List<String>) =
        println(json(mapOf("kind" to "rejected", "event" to event, "problems" to problems)))
}

fun returned(b: Boolean) = println(json(mapOf("kind" to "returned", "value" to b)))

fun main() {
    val tp = TrackPlan(Recorder()) { TrackPlanCommon(eventId = "123e4567-e89b-12d3-a456-426614174000", sessionId = "s1", pageViewId = "pv1", clientTs = 1732406400000) }
    returned(tp.homepageBannerExposure(bannerId = "b1", positionIndex = 1, campaign = HomepageBannerExposureCampaign.DOUBLE11,
        product = HomepageBannerExposureProduct(skuId = "sku1", price = 9.5)))
    returned(tp.homepageBannerExposure(bannerId = "b1", positionIndex = 1, campaign = HomepageBannerExposureCampaign.DOUBLE11,
        product = HomepageBannerExposureProduct(skuId = "sku1", price = 9.5)))
    returned(tp.homepageBannerClick(bannerId = "b1", positionIndex = 1, contactPhone = "13800000000"))
    returned(tp.homepageBannerClick(bannerId = "b1", positionIndex = 1))
    returned(tp.homepageBannerExposure(bannerId = "x".repeat(70), positionIndex = 2))
    returned(tp.purchaseCompleted(orderId = "o1", totalValue = 19.9, currency = PurchaseCompletedCurrency.CNY,
        paymentMethod = PurchaseCompletedPaymentMethod.ALIPAY, items = listOf(PurchaseCompletedItemsItem(skuId = "sku1", quantity = 2, price = 9.95))))
}
