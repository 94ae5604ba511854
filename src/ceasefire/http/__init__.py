"""The HTTP shell shared by the API and the pages: a session per request, who is asking (bearer
tokens, the signed session cookie, CSRF), the body size limit, our errors as HTTP statuses, and
the security headers. It imports nothing of ours but settings, db, errors and accounts."""
