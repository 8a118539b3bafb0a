"""badfont.py - broken TrueType fonts made from a good one, for the
hostile-input tests (Python standard library only). The layout of the
table directory and of 'head' is the OpenType specification's
(https://learn.microsoft.com/typography/opentype/spec/otff).

  badfont.py drop SRC DST TAG    DST is SRC without the table TAG
  badfont.py upem SRC DST N      DST is SRC with head.unitsPerEm = N
"""
import struct
import sys


def tables(data):
    """The tables of a single-font file, as {tag: bytes}, in file order."""
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag] = data[offset:offset + length]
    return out


def checksum(block):
    block += b"\0" * (-len(block) % 4)
    return sum(struct.unpack(">%dI" % (len(block) // 4), block)) & 0xFFFFFFFF


def build(version, tabs):
    """A font file of TABS with its checksums and head.checkSumAdjustment."""
    if b"head" in tabs:
        head = bytearray(tabs[b"head"])
        head[8:12] = b"\0\0\0\0"
        tabs[b"head"] = bytes(head)
    tags = sorted(tabs)
    n = len(tags)
    power = 1
    while power * 2 <= n:
        power *= 2
    selector = power.bit_length() - 1
    out = bytearray(version + struct.pack(">HHHH", n, power * 16, selector, n * 16 - power * 16))
    offset = 12 + 16 * n
    body = bytearray()
    for tag in tags:
        t = tabs[tag]
        out += struct.pack(">4sIII", tag, checksum(t), offset + len(body), len(t))
        body += t + b"\0" * (-len(t) % 4)
    out += body
    if b"head" in tabs:
        at = 12 + 16 * n + sum(len(tabs[t]) + (-len(tabs[t]) % 4) for t in tags[:tags.index(b"head")])
        struct.pack_into(">I", out, at + 8, (0xB1B0AFBA - checksum(bytes(out))) & 0xFFFFFFFF)
    return bytes(out)


def main(argv):
    what, src, dst, arg = argv[1:5]
    data = open(src, "rb").read()
    tabs = tables(data)
    if what == "drop":
        tabs.pop(arg.encode().ljust(4), None)
    elif what == "upem":
        head = bytearray(tabs[b"head"])
        struct.pack_into(">H", head, 18, int(arg))
        tabs[b"head"] = bytes(head)
    else:
        sys.exit("usage: badfont.py drop|upem SRC DST ARG")
    open(dst, "wb").write(build(data[:4], tabs))


if __name__ == "__main__":
    main(sys.argv)
