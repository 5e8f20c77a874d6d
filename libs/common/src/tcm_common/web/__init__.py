"""The Litestar glue every HTTP service of the platform shares, so that each service stays a thin adapter.

Protocol-neutral: nothing here knows about REST resources or GraphQL; each service maps the domain
errors raised here (Unauthenticated, PermissionDenied) to its own error format.

Process start (the service's `main()`):
    configure_json_logging("graphql", service_version())     # json_logs.py, runtime.py
    serve(create_app(), ListenAddress.from_env(8001))        # tcm_common.web.asgi_server

Application (the service's `create_app()`):
    Litestar(
        route_handlers=[health, ready, ...],                  # probes.py: /health (no I/O), /ready (database)
        lifespan=[runtime_lifespan("graphql", opener)],       # lifespan.py: settings, telemetry, Platform, auth
        middleware=[AccessLogMiddleware()],                   # access_log.py: server span, JSON access log and
                                                              # latency per request (also unrouted ones)
        guards=[csrf_guard],                                  # csrf.py: browser POSTs from allowed origins
        request_max_body_size=MAX_REQUEST_BODY_BYTES,         # limits.py: 413 beyond it
        logging_config=None,                                  # keep the JSON logging of main()
    )
    where `opener` is `lambda: runtime_from_environment("graphql", service_version())` (runtime.py), or in
    tests `lambda: open_runtime(settings, password_hasher=..., throttle_policy=...)`. A configuration
    problem stops start-up with one log line naming the variables (uvicorn exits with code 3).

Per request (or WebSocket):
    runtime = runtime_of(request)                 # ServiceRuntime: .settings, .platform, .auth
    authentication = await authenticate(request, runtime.auth)   # credentials.py: Authentication | None;
                                                  # raises Unauthenticated for a refused credential
    refresh = refresh_cookie(request, runtime.auth)              # credentials.py: for refresh and logout
    client = client_info(request)                 # client.py: ClientInfo(address from X-Forwarded-For, UA);
                                                  # trusts settings.http.trusted_proxy_hops proxies
    set_cookies(response, issued.cookies)         # cookies.py: CookieSpec (auth's decision) -> Set-Cookie
    check_websocket_origin(socket)                # csrf.py: before a WebSocket acts with the cookies
    trace_id = current_trace_id()                 # tracing.py: the id the logs of this request carry
"""
