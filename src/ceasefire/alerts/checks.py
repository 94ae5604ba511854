"""Checks of what a person gives the alerts: intervals, watched areas, webhook URLs, addresses.

Each refusal names the field it is about."""

from __future__ import annotations

import ipaddress
import math
import re
from typing import Any
from urllib.parse import urlsplit

import shapely
from shapely import affinity
from shapely.errors import ShapelyError
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from ceasefire.errors import CeasefireError

KM_PER_DEGREE = 111.32
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class FieldError(CeasefireError):
    """A value refused: `field` names it, the message says what was expected."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


def check_interval(field: str, value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise FieldError(field, f"expected a number >= 0, got {value!r}")
    return value


def polygon(geometry: Any, *, field: str = "geometry") -> BaseGeometry:
    """A GeoJSON Polygon or MultiPolygon in longitude/latitude that is a valid shape."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise FieldError(field, "expected a GeoJSON Polygon or MultiPolygon")
    try:
        shp = shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError, ShapelyError) as exc:
        raise FieldError(field, f"not a polygon ({exc})") from None
    if shp.is_empty or not shp.is_valid:
        raise FieldError(
            field, f"not a valid polygon ({shapely.is_valid_reason(shp)}); draw it again"
        )
    minx, miny, maxx, maxy = shp.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise FieldError(field, "coordinates must be longitude (-180..180), latitude (-90..90)")
    return shp


def disc(lon: float, lat: float, radius_km: float, *, field: str = "radius_km") -> BaseGeometry:
    """A place and radius as a shape: an ellipse in degrees close to the circle on the ground."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise FieldError("center", f"expected longitude, latitude; got {lon}, {lat}")
    if not math.isfinite(radius_km) or radius_km <= 0 or radius_km > 2000:
        raise FieldError(field, f"expected kilometres > 0 and <= 2000, got {radius_km!r}")
    dy = radius_km / KM_PER_DEGREE
    dx = dy / max(math.cos(math.radians(lat)), 0.01)
    circle = Point(0, 0).buffer(1.0, 32)
    return affinity.affine_transform(circle, [dx, 0, 0, dy, lon, lat])


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def webhook_url(url: str, *, server_host: str, server_port: int, field: str = "url") -> str:
    """An http(s) URL that does not point at this server (it would alert itself in a loop)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FieldError(field, f"expected an http:// or https:// URL, got {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = parts.hostname
    same_host = host == server_host or (
        _is_loopback(host) and (_is_loopback(server_host) or server_host in ("0.0.0.0", "::"))  # noqa: S104 - compared, not bound
    )
    if same_host and port == server_port:
        raise FieldError(
            field, f"{url!r} points at this server itself ({server_host}:{server_port})"
        )
    return url.strip()


def email_address(address: str, *, field: str = "email") -> str:
    if not _EMAIL.match(address.strip()):
        raise FieldError(field, f"expected an e-mail address, got {address!r}")
    return address.strip()
