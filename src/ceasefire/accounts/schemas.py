"""Accounts in and out of the API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SignIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)


class UserPublic(BaseModel):
    id: int
    name: str
    role: str
    party: str | None
