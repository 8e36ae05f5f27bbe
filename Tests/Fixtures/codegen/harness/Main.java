// Runtime harness for the generated Java: a recording transport, JSON lines out.
import java.util.*;
import trackplan.TrackPlanEvents;
import trackplan.TrackPlanEvents.*;

public class Main {
    static String json(Object v) {
        if (v == null) return "null";
        if (v instanceof String) return "\"" + ((String) v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Double) return v.toString();
        if (v instanceof Map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) sorted.put(e.getKey().toString(), e.getValue());
            StringJoiner j = new StringJoiner(",", "{", "}");
            for (Map.Entry<String, Object> e : sorted.entrySet()) j.add(json(e.getKey()) + ":" + json(e.getValue()));
            return j.toString();
        }
        if (v instanceof List) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (Object o : (List<?>) v) j.add(json(o));
            return j.toString();
        }
        return json(v.toString());
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    static void returned(boolean b) { System.out.println(json(m("kind", "returned", "value", b))); }

    public static void main(String[] args) {
        Transport recorder = new Transport() {
            public void send(String event, Map<String, Object> properties) {
                System.out.println(json(m("kind", "send", "event", event, "properties", properties)));
            }
            public void sendWithConsent(String event, Map<String, Object> properties, List<String> purposes) {
                System.out.println(json(m("kind", "consent", "event", event, "properties", properties, "purposes", purposes)));
            }
            public void rejected(String event, List<String> problems) {
                System.out.println(json(m("kind", "rejected", "event", event, "problems", problems)));
            }
        };
        Tracker t = new Tracker(recorder, () -> new Common("123e4567-e89b-12d3-a456-426614174000", "s1", "pv1", 1732406400000L, null));
        returned(t.homepageBannerExposure("b1", 1L, null, HomepageBannerExposureCampaign.DOUBLE11, new HomepageBannerExposureProduct("sku1", 9.5)));
        returned(t.homepageBannerExposure("b1", 1L, null, HomepageBannerExposureCampaign.DOUBLE11, new HomepageBannerExposureProduct("sku1", 9.5)));
        returned(t.homepageBannerClick("b1", 1L, null, "13800000000"));
        returned(t.homepageBannerClick("b1", 1L, null, null));
        returned(t.homepageBannerExposure(new String(new char[70]).replace('\0', 'x'), 2L, null, null, null));
        returned(t.purchaseCompleted("o1", 19.9, PurchaseCompletedCurrency.CNY, PurchaseCompletedPaymentMethod.ALIPAY,
            Arrays.asList(new PurchaseCompletedItemsItem("sku1", 2L, 9.95)), null));
    }
}
