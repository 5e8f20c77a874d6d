"""Authentication and user management, implemented once for every service.

The rules are in docs/domain.md ("Users and accounts", "Sessions, tokens and sign-in").

Start-up (wiring.py):       build_auth_services(settings, pool) -> AuthServices; build_authenticator(...)
Per request:                AuthServices.authenticator.authenticate(authorization=..., access_cookie=...)
                            AuthServices.csrf.check(method, headers) for requests without Authorization
Browser sessions:           AuthServices.sessions.login / refresh / logout / list_sessions / revoke_session
                            -> IssuedSession.cookies (CookieSpec) for the response; never tokens in a body
Users (Admin, and self):    AuthServices.users (user_management.py)
API tokens:                 AuthServices.api_tokens (api_tokens.py)
Demo data and first Admin:  demo_users.seed_demo_users, initial_admin.create_initial_admin
Keys for tests and dev:     keys.generate_signing_key_pair, `python -m tcm_common.auth.keys KEY_ID`

The use cases (sessions, user_management, api_tokens, authentication) reach storage only through the
ports of ports.py; wiring.py plugs in the PostgreSQL adapters (tcm_common.persistence.auth), unit tests
the in-memory fakes (tcm_common.testing.auth_fakes). The BUILD file's dependency rules keep it so.
"""
