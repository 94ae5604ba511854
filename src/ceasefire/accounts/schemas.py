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


class UserCreate(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    role: str = Field(min_length=1, max_length=20)
    party: str | None = Field(default=None, max_length=3)
    password: str = Field(min_length=1, max_length=1000)


class UserAdmin(UserPublic):
    active: bool


class PasswordChange(BaseModel):
    current: str = Field(min_length=1, max_length=1000)
    new: str = Field(min_length=1, max_length=1000)


class PasswordReset(BaseModel):
    new: str = Field(min_length=1, max_length=1000)


class Deactivated(BaseModel):
    name: str
    active: bool
    tokens_revoked: int
