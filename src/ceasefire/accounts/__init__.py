"""Accounts: users, roles, API tokens, sign-in and who may do what."""
