// Copies of the example workspace's templates/events/*.yaml and a starter
// workspace; LifecycleTests checks the templates match the example's, byte for byte.

/// The files `trackplan init` writes.
enum Scaffold {
    static let files: [(path: String, text: String)] = [
        ("trackplan.yaml", settings),
        ("templates/events/exposure.yaml", exposure),
        ("templates/events/click.yaml", click),
        ("templates/events/page_view.yaml", pageView),
        ("plans/search_click.yaml", examplePlan),
        (".gitignore", gitignore),
    ]

    static let settings = #"""
    # trackplan.yaml: the workspace settings (made by `trackplan init`).
    #
    # Every plan in plans/ and every template in templates/events/ is checked
    # against what is declared here. Reference: docs/plan-format.md, or
    # `trackplan schema settings` for editor completion.
    version: 1

    # The terminals a plan may target; `kind` groups them for code generation.
    terminals:
      ios: { kind: app }
      android: { kind: app }
      h5: { kind: web }                # web pages inside the app's web views
      wap: { kind: web }               # the mobile web site
      web: { kind: web }               # the desktop web site
      mini_program: { kind: mini_program }
      server: { kind: server }

    naming:
      event: snake_case                # object_action, e.g. add_to_cart
      parameter: snake_case
      max_length: 48

    # Sent with every event by the SDK; plans do not declare them again.
    common_parameters:
      event_id: { type: string, format: uuid, required: true, description: Idempotency key. }
      user_id: { type: string, required: false, description: "Logged-in user id; absent for guests." }
      session_id: { type: string, required: true, description: One id per app launch or browser session. }
      page_view_id: { type: string, required: true, description: "One id per page view, for exposure de-duplication." }
      client_ts: { type: timestamp, required: true, description: When the event happened on the device. }

    # 位 Position registry: page -> module -> slot. A slot with `list: true` is a
    # repeated element (carousel slide, feed card) and needs a position_index parameter.
    positions:
      home:
        display: { en: Home, zh: 首页 }
        modules:
          search_bar:
            display: { en: Search bar, zh: 搜索栏 }
            slots: [search_button]
          recommend_feed:
            display: { en: Recommended feed, zh: 猜你喜欢 }
            slots:
              card: { list: true, display: { en: Feed card, zh: 商品卡片 } }

    privacy:
      consent_purposes: [analytics, marketing, personalization]
      pii_forbidden_on: [mini_program]

    # Who may sign off what: replace these addresses with your team's.
    roles:
      product_manager: [pm@example.com]
      data_product_manager: [dpm@example.com]
      developer: [dev@example.com]
      tester: [tester@example.com]
      data_engineer: [de@example.com]

    # What must hold before a plan enters a state (these are the defaults; each key
    # overrides one condition). See docs/workflow.md.
    gates:
      review: { lint: clean }
      implementation: { approvals: [data_product_manager, data_engineer] }
      testing: { test_cases: true, dates: [integration_test] }
      release: { verification: passed_or_signoff, signoff: tester, dates: [release] }
      post_mortem: { postmortem: true }

    """#

    static let exposure = #"""
    # templates/events/exposure.yaml: the generic exposure (曝光) template.
    #
    # An exposure records that a region of a page was actually seen. One view
    # counts once: the same element is counted again only after it has left the
    # viewport, or on a new page view. Events that use this template inherit
    # its type, its exposure rule and its parameters.
    template: exposure               # id; equals the file name without .yaml
    type: exposure                   # exposure | click | page_view | custom
    description: >-
      An element counts as exposed when at least half of it is visible for at
      least 500 ms. One exposure per page view; again only after it left the
      viewport.
    display: { en: Exposure, zh: 曝光 }

    # The exposure rule, generated into SDK stubs and checked in captured events.
    exposure:
      min_visible_ratio: 0.5         # share of the element's area on screen (0..1)
      min_duration_ms: 500           # how long it must stay visible
      dedupe_key: [page_view_id]     # page_view_id is a common parameter, so it may be used here

    parameters:
      visible_duration_ms:
        type: integer
        required: false
        min: 0
        description: How long the element stayed visible, when the SDK knows it.

    """#

    static let click = #"""
    # templates/events/click.yaml: the generic click (点击) template.
    #
    # A click is an active user action and is logged on its own, separately from
    # any exposure of the same element. Clicks are not de-duplicated by the SDK:
    # every tap is one event (event_id still guards against resends).
    template: click
    type: click
    description: The user tapped or clicked an element.
    display: { en: Click, zh: 点击 }

    parameters:
      target_url:
        type: string
        format: url
        required: false
        max_length: 2048
        description: Where the click leads, if it navigates. Events may narrow it (e.g. make it required).

    """#

    static let pageView = #"""
    # templates/events/page_view.yaml: the generic page view (页面浏览, PV) template.
    #
    # One event each time a page becomes visible: on open, and again when the user
    # comes back to it. Each page view gets a fresh page_view_id (a common
    # parameter), which exposures on that page use for de-duplication.
    template: page_view
    type: page_view
    description: A page became visible to the user.
    display: { en: Page view, zh: 页面浏览 }

    parameters:
      page_url:
        type: string
        format: url
        required: false
        max_length: 2048
        description: Full URL on web terminals (h5, wap, web, with its query string); absent in native apps.
      referrer_page:
        type: string
        required: false
        max_length: 48
        description: Page id (from the positions registry) the user came from.

    """#

    static let examplePlan = #"""
    # plans/search_click.yaml: an example plan (made by `trackplan init`).
    # `trackplan new PLAN --template click` drafts the next one.
    plan: search_click
    title: Search button click on the home page
    owner: pm@example.com
    goal: How many home page visits start a search.
    priority: P2
    terminals: [ios, android, h5]
    schedule:
      integration_test: 2027-01-11
      release: 2027-01-18
    storage:
      table: dwd.user_behavior_log
      mode: realtime
    metrics:
      - name: search_rate
        definition: search_click / home page views, per day

    events:
      - name: search_click
        template: click
        position: { page: home, module: search_bar, slot: search_button }
        display: { en: Search click, zh: 搜索点击 }
        description: The user taps the search button with a query typed in.
        parameters:
          query_length: { type: integer, required: true, min: 1, max: 200 }
        test_cases:
          - scenario: Type "shoes" and tap search
            expect: One search_click with query_length = 5

    status: request

    """#

    static let gitignore = #"""
    # trackplan's workspace lock (see docs/workflow.md)
    .trackplan.lock

    """#
}
