"""Read QR code images back into their modules, without segno (which cannot decode).

`svg_modules` follows the path segno draws (one horizontal run of dark modules per `h`), and
`png_modules` decodes the PNG itself (zlib and the five PNG row filters) and samples the middle
pixel of every module. Both return the symbol as rows of booleans (True = dark), quiet zone
removed, for comparison with `segno.make(...).matrix`.
"""

from __future__ import annotations

import re
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_STEP = re.compile(r"([MmHh])\s*([-\d.\s]*)")


def svg_modules(path_data: str, *, border: int, size: int) -> list[list[bool]]:
    dark = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, numbers in _STEP.findall(path_data):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            row = int(y - 0.5) - border
            for column in range(int(x), int(x + values[0])):
                dark[row][column - border] = True
            x += values[0]
    return dark


def png_header(data: bytes) -> dict:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    chunks = dict(_chunks(data))
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    return {"width": width, "height": height, "depth": depth, "colour": colour, "lace": interlace}


def png_modules(data: bytes, *, border: int, scale: int, size: int) -> list[list[bool]]:
    header = png_header(data)
    assert header["lace"] == 0 and header["colour"] in (0, 3) and header["depth"] <= 8
    chunks = _chunks(data)
    palette = next((body for kind, body in chunks if kind == b"PLTE"), None)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    rows = _unfiltered(raw, header["width"], header["height"], header["depth"])

    def is_dark(px: int, py: int) -> bool:
        value = _sample(rows[py], px, header["depth"])
        if palette is not None:
            red, green, blue = palette[3 * value : 3 * value + 3]
            return red + green + blue < 384
        return value < (1 << header["depth"]) / 2

    middle = scale // 2
    return [
        [
            is_dark((border + column) * scale + middle, (border + row) * scale + middle)
            for column in range(size)
        ]
        for row in range(size)
    ]


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def _unfiltered(raw: bytes, width: int, height: int, depth: int) -> list[bytearray]:
    stride = (width * depth + 7) // 8
    unit = 1  # bytes per pixel, rounded up: one for every grey or palette depth up to 8
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - unit] if i >= unit else 0
            up = previous[i]
            corner = previous[i - unit] if i >= unit else 0
            line[i] = (line[i] + _predictor(kind, left, up, corner)) & 0xFF
        rows.append(line)
        previous = line
    return rows


def _predictor(kind: int, left: int, up: int, corner: int) -> int:
    if kind == 0:
        return 0
    if kind == 1:
        return left
    if kind == 2:
        return up
    if kind == 3:
        return (left + up) // 2
    guess = left + up - corner
    distances = (abs(guess - left), abs(guess - up), abs(guess - corner))
    return (left, up, corner)[distances.index(min(distances))]


def _sample(row: bytearray, x: int, depth: int) -> int:
    if depth == 8:
        return row[x]
    per_byte = 8 // depth
    byte = row[x // per_byte]
    shift = 8 - depth * (x % per_byte + 1)
    return (byte >> shift) & ((1 << depth) - 1)
