"""Users: Admin management, and the summaries other resources embed."""
