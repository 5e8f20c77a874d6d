"""Browser sign-in: login, refresh and logout, with the session in HttpOnly cookies only."""
