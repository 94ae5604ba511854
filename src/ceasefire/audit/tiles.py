"""The tree kept as C2SP tlog-tiles: 256 hashes a tile, tile paths, and growing the tiles (pure).

A tile at level L, index N holds the hashes of the tree's nodes at height 8L numbered 256N and
up: level 0 holds the leaf hashes, level 1 the roots of each full run of 256 leaves, and so on.
Only complete nodes are in a tile, so a tile once full never changes (it may be cached forever);
the partial tile at the right edge grows until it is full. Any node, and so any proof, is a few
tile reads and at most a few hundred hashes away."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ceasefire.audit import merkle

HEIGHT = 8
WIDTH = 1 << HEIGHT
HASH = merkle.HASH_SIZE

TileReader = Callable[[int, int], bytes]
"""`(level, index)` -> the tile's hashes, concatenated (shorter than full for a partial one)."""


@dataclass(frozen=True)
class TileName:
    """A tile, or with `level` None an entry bundle; `width` is below 256 for a partial one."""

    level: int | None
    index: int
    width: int = WIDTH

    @property
    def path(self) -> str:
        head = "tile/entries" if self.level is None else f"tile/{self.level}"
        tail = "" if self.width == WIDTH else f".p/{self.width}"
        return f"{head}/{encode_index(self.index)}{tail}"


def encode_index(index: int) -> str:
    """tlog-tiles' spelling of a tile index: three digits a path element, `x` before all but
    the last (1234067 -> x001/x234/067)."""
    groups = [f"{index % 1000:03d}"]
    index //= 1000
    while index:
        groups.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(groups))


_PATH = re.compile(r"^tile/(entries|\d{1,2})/((?:x\d{3}/)*\d{3})(?:\.p/(\d{1,3}))?$")


def parse_path(path: str) -> TileName:
    """The tile a request path names (`tile/0/x001/234`, `tile/entries/000.p/7`), or ValueError
    saying what is wrong with it."""
    match = _PATH.match(path)
    if match is None:
        raise ValueError(
            f"{path!r} is not a tile path (tile/L/NNN[.p/W] or tile/entries/NNN[.p/W])"
        )
    level_text, index_text, width_text = match.groups()
    index = 0
    for group in index_text.split("/"):
        index = index * 1000 + int(group.lstrip("x"))
    if encode_index(index) != index_text:
        raise ValueError(f"{path!r}: the tile index is not spelled as tlog-tiles says")
    width = WIDTH if width_text is None else int(width_text)
    if not 1 <= width <= WIDTH - 1 and width_text is not None:
        raise ValueError(f"{path!r}: a partial tile has 1 to 255 entries")
    level = None if level_text == "entries" else int(level_text)
    if level is not None and level > 63:
        raise ValueError(f"{path!r}: the tile level is at most 63")
    return TileName(level, index, width)


def tile_width(level: int, index: int, size: int) -> int:
    """How many hashes the tile `(level, index)` holds in a tree of `size` leaves (0 when it does
    not exist yet)."""
    nodes = size >> (HEIGHT * level)  # complete nodes at height 8*level
    return max(0, min(WIDTH, nodes - index * WIDTH))


def tiles_of(size: int) -> list[TileName]:
    """Every tile of a tree of `size` leaves (the right-edge ones partial)."""
    names = []
    level = 0
    while size >> (HEIGHT * level):
        nodes = size >> (HEIGHT * level)
        for index in range((nodes + WIDTH - 1) // WIDTH):
            names.append(TileName(level, index, tile_width(level, index, size)))
        level += 1
    return names


def node(read: TileReader, height: int, index: int) -> bytes:
    """The hash of the complete node at `height` numbered `index` (leaves are height 0)."""
    level, rest = divmod(height, HEIGHT)
    span = 1 << rest  # hashes of the tile below this node
    first = index * span
    tile = read(level, first // WIDTH)
    offset = (first % WIDTH) * HASH
    hashes = tile[offset : offset + span * HASH]
    if len(hashes) != span * HASH:
        raise ValueError(f"tile {level}/{first // WIDTH} is too short for node {height}/{index}")
    if span == 1:
        return hashes
    return merkle.root([hashes[i : i + HASH] for i in range(0, len(hashes), HASH)])


def range_hash(read: TileReader) -> merkle.RangeHash:
    """`range_hash(start, end)` for proofs, over stored tiles: the subtree's complete nodes,
    largest first, folded from the right as RFC 9162's tree hash does."""

    def hash_range(start: int, end: int) -> bytes:
        parts: list[bytes] = []
        position = start
        while position < end:
            height = (end - position).bit_length() - 1
            while position % (1 << height):
                height -= 1
            parts.append(node(read, height, position >> height))
            position += 1 << height
        value = parts.pop()
        while parts:
            value = merkle.node_hash(parts.pop(), value)
        return value

    return hash_range


def grow(
    read: TileReader, size: int, leaves: Iterable[bytes]
) -> tuple[int, dict[tuple[int, int], bytes]]:
    """Append leaf hashes to the tree of `size` leaves: the new size and every tile that changed
    (whole, by `(level, index)`)."""
    changed: dict[tuple[int, int], bytearray] = {}

    def current(level: int, index: int) -> bytearray:
        key = (level, index)
        if key not in changed:
            stored = read(level, index) if tile_width(level, index, size) else b""
            changed[key] = bytearray(stored)
        return changed[key]

    for leaf in leaves:
        level, value, position = 0, leaf, size
        while True:
            tile = current(level, position // WIDTH)
            tile += value
            if len(tile) < WIDTH * HASH:
                break
            # The tile is now full: its root is a complete node one tile level up.
            value = merkle.root([bytes(tile[i : i + HASH]) for i in range(0, len(tile), HASH)])
            position //= WIDTH
            level += 1
        size += 1
    return size, {key: bytes(value) for key, value in changed.items()}


def tree_root(read: TileReader, size: int) -> bytes:
    """The tree's root at `size`, from the tiles."""
    if size == 0:
        return merkle.EMPTY_ROOT
    return range_hash(read)(0, size)


def split_hashes(data: bytes) -> Sequence[bytes]:
    if len(data) % HASH:
        raise ValueError(f"a tile of {len(data)} bytes is not a whole number of hashes")
    return [data[i : i + HASH] for i in range(0, len(data), HASH)]


def bundle(entries: Iterable[bytes]) -> bytes:
    """An entry bundle: each entry as a big-endian 16-bit length and its bytes."""
    out = bytearray()
    for number, data in enumerate(entries):
        if len(data) > 0xFFFF:
            raise ValueError(f"entry {number} of the bundle has {len(data)} bytes, over 65535")
        out += len(data).to_bytes(2, "big") + data
    return bytes(out)


def unbundle(data: bytes, *, expected: int) -> list[bytes]:
    """The entries of a bundle, or ValueError naming where it is cut short or overlong."""
    entries: list[bytes] = []
    position = 0
    while position < len(data):
        if position + 2 > len(data):
            raise ValueError(
                f"the entry bundle is truncated inside the length of entry {len(entries)}"
            )
        length = int.from_bytes(data[position : position + 2], "big")
        position += 2
        if position + length > len(data):
            raise ValueError(f"the entry bundle is truncated inside entry {len(entries)}")
        entries.append(data[position : position + length])
        position += length
    if len(entries) != expected:
        raise ValueError(f"the entry bundle has {len(entries)} entries, {expected} were expected")
    return entries
