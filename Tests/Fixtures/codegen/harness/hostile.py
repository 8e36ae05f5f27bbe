# Runtime harness for the hostile workspace's generated Python: every hostile name is
# called through its generated identifier; the payload must carry the plan's names.
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


tp = TrackPlan(Recorder(), lambda: TrackPlanCommon(event_id="123e4567-e89b-12d3-a456-426614174000", class_=7))
assert tp.class_(
    default="d", _1st=1, quote_u22_d="ab\"", dollar_u24_sign="$", u24_u7b_x_u7d="x", back_u5c_slash="\\",
    u4e2d_u6587_u540d="中文", new_ua_line="NL", self_=True, p_=1.5, problems_="none", transport_="t", args="a", deliver="d",
    enum_field=ClassEnumField.U2A_U2F, int_enum=ClassIntEnum.VALUE_30,
    obj=ClassObj(u2a_u2f="star", default=2, inner=ClassObjInner(class_="c", secret="s")),
    list_=[ClassListItem.X, ClassListItem.Y])
assert tp.event_u22_quote_u2a_u2f_u24_u7b_x_u7d()
assert tp.u4e2d_u6587_u4e8b_u4ef6()
assert tp._2fa_verified(ok=True)
assert tp.a_b()
assert tp.a_b_()
# Types whose names coincide are kept apart: FooBarMode (x, y) and FooBarMode2 (p, q).
assert tp.foo(bar_mode=FooBarMode.X)
assert tp.foo_bar(mode=FooBarMode2.Q)
assert [m.value for m in FooBarMode2] == ["p", "q"]
# The name constants are the plan's names.
assert TrackPlanEvents.EVENT_U22_QUOTE_U2A_U2F_U24_U7B_X_U7D == "event\"quote*/${x}"
assert TrackPlanEvents.U4E2D_U6587_U4E8B_U4EF6 == "中文事件"
