#!/usr/bin/env python3
"""mkpng.py - writes the PNG files the image tests use, with zlib and struct
only (ISO/IEC 15948: signature, IHDR, PLTE, tRNS, IDAT, IEND; each chunk's
CRC-32 over its type and data; Adam7 for interlaced images).

Usage: mkpng.py KIND OUT WIDTH HEIGHT [KIND OUT WIDTH HEIGHT]...
(several at once: Python starts once)
KIND: gray rgb palette palette-trns rgba gray-alpha rgb16 interlaced
      stored stored-interlaced (image data not compressed: fuzzing seeds)
      truncated bad-crc bad-zlib huge-header wide big
"""
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
# samples a pixel for each colour type
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def ihdr(width, height, depth, color, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace))


def row_values(xs, y, color):
    """The 8-bit samples of row Y at columns XS: stripes and a gradient, so
    that downsampling has work; alpha a ramp, partly transparent; palette
    indexes 0 to 3."""
    n = CHANNELS[color]
    out = []
    for x in xs:
        if color == 3:
            out.append((x // 4 + y // 4) % 4)
            continue
        for c in range(n):
            if color in (4, 6) and c == n - 1:
                out.append(x * 255 // 40 % 256)
            else:
                out.append(((x * 7 + y * 3 + c * 85) ^ (x // 16 + y // 16)) & 0xFF)
    return out


def raw_rows(width, height, color, depth, xs=None, ys=None):
    xs = range(width) if xs is None else xs
    ys = range(height) if ys is None else ys
    rows = []
    for y in ys:
        values = row_values(xs, y, color)
        if depth == 16:  # v * 257: the same byte twice
            values = [b for v in values for b in (v, v)]
        rows.append(b"\x00" + bytes(values))
    return b"".join(rows)


def png(width, height, color=2, depth=8, interlace=0, palette=None, trns=None, level=9):
    parts = [SIGNATURE, ihdr(width, height, depth, color, interlace)]
    if palette:
        parts.append(chunk(b"PLTE", palette))
    if trns:
        parts.append(chunk(b"tRNS", trns))
    if interlace:
        raw = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = range(x0, width, dx), range(y0, height, dy)
            if len(xs) and len(ys):
                raw += raw_rows(width, height, color, depth, xs, ys)
    else:
        raw = raw_rows(width, height, color, depth)
    parts.append(chunk(b"IDAT", zlib.compress(raw, level)))
    parts.append(chunk(b"IEND", b""))
    return b"".join(parts)


def big(width, height):
    """A gray image of WIDTH x HEIGHT whose rows are all the same: about
    1 MB for 20000 x 20000, written in well under a second. The row is
    deflated once, ending on a byte boundary with an empty dictionary
    (Z_FULL_FLUSH, RFC 1951), so that its bytes can be repeated; the zlib
    wrapper (RFC 1950) and its Adler-32 are written around them."""
    row = b"\x00" + bytes((x // 1000) * 37 % 256 for x in range(width))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = comp.compress(row) + comp.flush(zlib.Z_FULL_FLUSH)
    end = comp.flush(zlib.Z_FINISH)
    adler = 1
    for _ in range(height):
        adler = zlib.adler32(row, adler)
    data = b"\x78\xda" + body * height + end + struct.pack(">I", adler & 0xFFFFFFFF)
    return SIGNATURE + ihdr(width, height, 8, 0) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def write(kind, out, w, h):
    pal = bytes(v for i in range(4) for v in ((i * 80) % 256, 255 - i * 60, (i * 120) % 256))
    if kind == "gray":
        data = png(w, h, 0)
    elif kind == "rgb":
        data = png(w, h, 2)
    elif kind == "palette":
        data = png(w, h, 3, palette=pal)
    elif kind == "palette-trns":
        data = png(w, h, 3, palette=pal, trns=b"\x00\x80")
    elif kind == "rgba":
        data = png(w, h, 6)
    elif kind == "gray-alpha":
        data = png(w, h, 4)
    elif kind == "rgb16":
        data = png(w, h, 2, depth=16)
    elif kind == "interlaced":
        data = png(w, h, 2, interlace=1)
    elif kind == "stored":
        data = png(w, h, 6, level=0)
    elif kind == "stored-interlaced":
        data = png(w, h, 3, interlace=1, palette=pal, trns=b"\x40", level=0)
    elif kind == "truncated":
        whole = png(w, h, 2)
        data = whole[: len(whole) * 2 // 3]
    elif kind == "bad-crc":
        whole = bytearray(png(w, h, 2))
        whole[8 + 8 + 13] ^= 0xFF  # the IHDR's CRC
        data = bytes(whole)
    elif kind == "bad-zlib":
        # sound chunks and CRCs around image data that does not inflate
        data = SIGNATURE + ihdr(w, h, 8, 2) + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 64)
        data += chunk(b"IEND", b"")
    elif kind == "huge-header":
        # 60000 x 60000 promised, a few bytes of image data
        data = SIGNATURE + ihdr(60000, 60000, 8, 2) + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        data += chunk(b"IEND", b"")
    elif kind == "wide":
        # a width of 2^31 (the PNG limit is 2^31 - 1), CRCs right
        data = SIGNATURE + ihdr(1 << 31, 1, 8, 0) + chunk(b"IDAT", zlib.compress(b"\x00" * 8))
        data += chunk(b"IEND", b"")
    elif kind == "big":
        data = big(w, h)
    else:
        sys.exit("mkpng.py: unknown kind " + kind)
    with open(out, "wb") as f:
        f.write(data)


def main():
    args = sys.argv[1:]
    if not args or len(args) % 4:
        sys.exit(__doc__)
    for i in range(0, len(args), 4):
        write(args[i], args[i + 1], int(args[i + 2]), int(args[i + 3]))


if __name__ == "__main__":
    main()
