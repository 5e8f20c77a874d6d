"""Request size limit shared by the HTTP services (Litestar answers 413 beyond it).

Every API payload of the platform is a few kilobytes; 1 MiB leaves room for long descriptions while
keeping a single request from holding much memory.
"""

MAX_REQUEST_BODY_BYTES = 1024 * 1024
