"""PostgreSQL persistence with asyncpg: migrations, repositories, batch loaders, change events."""
