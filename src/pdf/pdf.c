/* pdf.c - laid-out pages to PDF through libharu, the only module that
 * calls it. Each face is subset (subset.c) and its font objects are made
 * here (ISO 32000-1, 9.7): a Type0 font, Identity-H (codes of one byte
 * through an embedded CMap for a subset of at most 256 glyphs), over a
 * CIDFontType2 whose codes are the subset's glyph ids (/CIDToGIDMap
 * /Identity), the subset embedded as it is, a ToUnicode CMap from codes
 * to characters.
 * libharu's own Type0 fonts map every one of 65,536 code points to a
 * glyph and write and deflate a 131,070-byte CIDToGIDMap for each face.
 * A line's runs are placed by a text matrix, slanted for a synthetic
 * italic, filled-then-stroked for a synthetic bold. libharu's errors are
 * sticky: the handler records the first.
 *
 * Text is written straight into the page's content stream as one TJ array
 * per line and face (libharu's ShowText allows no positioning inside a
 * string: per-word calls cost most of a render), with the font resources
 * of each page named here. The stream is kept short (most of a PDF's
 * bytes): a font, colour or line width is set only when it changes, a
 * line starts with a Td from the last where that puts it on the same
 * point as a Tm, a TJ array's strings run together where no number comes
 * between and it ends with its last string. Every run, image and drawing is inside marked
 * content, tagged with its structure element or as an artifact (tags.c). */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/target.h"
#include "base/temp.h"
#include "base/util.h"
#include "pdf/annot.h"
#include "pdf/image.h"
#include "pdf/meta.h"
#include "pdf/objstm.h"
#include "pdf/packed.h"
#include "pdf/pdf.h"
#include "pdf/subset.h"
#include "pdf/tags.h"

typedef struct pdf_state {
    HPDF_STATUS error;
    HPDF_STATUS detail;
} pdf_state;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    pdf_state *st = user;
    if (getenv("BRIEFGEN_DEBUG_PDF"))
        fprintf(stderr, "libharu error 0x%04X detail %u\n", (unsigned)error, (unsigned)detail);
    if (!st->error) {
        st->error = error;
        st->detail = detail;
    }
}

/* The red, green and blue of 0xRRGGBB, from 0 to 1. */
typedef struct rgb {
    float r, g, b;
} rgb;

static rgb rgb_of(uint32_t c)
{
    rgb v = {((c >> 16) & 0xFF) / 255.0f, ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f};
    return v;
}

static void set_rgb_fill(HPDF_Page page, uint32_t c)
{
    rgb v = rgb_of(c);
    HPDF_Page_SetRGBFill(page, v.r, v.g, v.b);
}

static void set_rgb_stroke(HPDF_Page page, uint32_t c)
{
    rgb v = rgb_of(c);
    HPDF_Page_SetRGBStroke(page, v.r, v.g, v.b);
}

/* URIs go into the PDF as ASCII (bg_uri_encode). NULL for a URI that is
 * empty or too long for a PDF string: compose and load have already
 * warned, and the link's text stays plain. */
static char *uri_ascii(const char *uri)
{
    if (!*uri || bg_uri_encoded_length(uri) > BG_MAX_URI) return NULL;
    return bg_uri_encode(uri);
}

/* One code of a ToUnicode CMap and the character it stands for. */
typedef struct code_char {
    uint32_t code, cp;
} code_char;

static int compare_codes(const void *a, const void *b)
{
    const code_char *x = a, *y = b;
    return x->code < y->code ? -1 : x->code > y->code;
}

/* CP as the hexadecimal digits of UTF-16BE (a surrogate pair past U+FFFF). */
static void utf16_hex(char *out, size_t size, uint32_t cp)
{
    if (cp > 0xFFFF) {
        uint32_t v = cp - 0x10000;
        snprintf(out, size, "%04X%04X", (unsigned)(0xD800 + (v >> 10)),
                 (unsigned)(0xDC00 + (v & 0x3FF)));
    } else {
        snprintf(out, size, "%04X", (unsigned)cp);
    }
}

/* True when FONT's codes are one byte each: a subset of at most 256
 * glyphs and codes (text of Latin or Cyrillic faces, mostly), written
 * through the one-byte CMap (one_byte_cmap), half the bytes of
 * Identity-H's two. */
static bool one_byte(const bg_pdf_font *font)
{
    return font->glyph_count + font->extra <= 256;
}

/* Writes a block of N lines (at most 100 a block: Adobe Technical Note
 * #5014, section 1.4.3) of OP ("bfchar", "bfrange") from LINES. */
static void cmap_block(HPDF_Stream out, const char *op, size_t n, const char *lines)
{
    char head[48]; /* "%zu begin%s" with any count */
    snprintf(head, sizeof head, "%zu begin%s\n", n, op);
    HPDF_Stream_WriteStr(out, head);
    HPDF_Stream_WriteStr(out, lines);
    snprintf(head, sizeof head, "end%s\n", op);
    HPDF_Stream_WriteStr(out, head);
}

/* The ToUnicode CMap of FONT: each code back to its character, a bfrange
 * for each run of codes that draws a run of characters (a bfrange may vary
 * only the last byte of both), a bfchar for the others. */
static HPDF_Dict to_unicode(HPDF_Doc pdf, const bg_pdf_font *font)
{
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    code_char *pairs = malloc((font->count + 1) * sizeof *pairs);
    /* 100 lines of at most 32 bytes, for a range and for a character */
    char *ranges = malloc(100 * 32 + 1), *chars = malloc(100 * 32 + 1);
    if (!stream || !pairs || !ranges || !chars) {
        free(pairs);
        free(ranges);
        free(chars);
        return NULL;
    }
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_WriteStr(stream->stream,
                         "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
                         "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
    const bool one = one_byte(font);
    HPDF_Stream_WriteStr(stream->stream,
                         one ? "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
                             : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    const char *range = one ? "<%02X> <%02X> <%s>\n" : "<%04X> <%04X> <%s>\n";
    const char *single = one ? "<%02X> <%s>\n" : "<%04X> <%s>\n";
    size_t n = 0;
    for (size_t i = 0; i < font->count; i++)
        if (font->code[i]) pairs[n++] = (code_char){font->code[i], font->cps[i]};
    qsort(pairs, n, sizeof *pairs, compare_codes);
    size_t nr = 0, nc = 0, lr = 0, lc = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1; /* the run: consecutive codes and characters, one high byte */
        while (j < n && pairs[j].code == pairs[j - 1].code + 1 &&
               pairs[j].cp == pairs[j - 1].cp + 1 && pairs[j].cp <= 0xFFFF &&
               (pairs[j].code >> 8) == (pairs[i].code >> 8) &&
               (pairs[j].cp >> 8) == (pairs[i].cp >> 8))
            j++;
        char hex[16];
        utf16_hex(hex, sizeof hex, pairs[i].cp);
        if (j - i > 1) {
            lr += (size_t)snprintf(ranges + lr, 32, range, (unsigned)pairs[i].code,
                                   (unsigned)pairs[j - 1].code, hex);
            if (++nr == 100) {
                cmap_block(stream->stream, "bfrange", nr, ranges);
                nr = lr = 0;
            }
        } else {
            lc += (size_t)snprintf(chars + lc, 32, single, (unsigned)pairs[i].code, hex);
            if (++nc == 100) {
                cmap_block(stream->stream, "bfchar", nc, chars);
                nc = lc = 0;
            }
        }
        i = j;
    }
    if (nr) cmap_block(stream->stream, "bfrange", nr, ranges);
    if (nc) cmap_block(stream->stream, "bfchar", nc, chars);
    HPDF_Stream_WriteStr(stream->stream, "endcmap\nCMapName currentdict /CMap defineresource "
                                         "pop\nend\nend\n");
    free(pairs);
    free(ranges);
    free(chars);
    return stream;
}

static int compare_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return x < y ? -1 : x > y;
}

/* The width of CODE in FONT, thousandths of an em. */
static unsigned code_width(const bg_pdf_font *font, size_t code)
{
    if (code < font->glyph_count) return font->widths[code];
    return font->widths[font->extra_gid[code - font->glyph_count]];
}

/* The CIDFont's DW (the commonest width) and W array: each run of codes
 * whose widths differ from DW as "first [w w ...]" (ISO 32000-1, 9.7.4.3). */
static void widths(HPDF_Doc pdf, HPDF_Dict cid, const bg_pdf_font *font)
{
    size_t codes = font->glyph_count + font->extra;
    uint16_t *sorted = malloc((font->glyph_count + 1) * sizeof *sorted);
    unsigned dw = 1000;
    if (sorted && font->glyph_count) {
        memcpy(sorted, font->widths, font->glyph_count * sizeof *sorted);
        qsort(sorted, font->glyph_count, sizeof *sorted, compare_u16);
        size_t best = 0;
        for (size_t i = 0, j; i < font->glyph_count; i = j) {
            for (j = i; j < font->glyph_count && sorted[j] == sorted[i]; j++) {
            }
            if (j - i > best) {
                best = j - i;
                dw = sorted[i];
            }
        }
    }
    free(sorted);
    HPDF_Dict_AddNumber(cid, "DW", (HPDF_INT32)dw);
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    if (!w || HPDF_Dict_Add(cid, "W", w) != HPDF_OK) return;
    HPDF_Array run = NULL;
    for (size_t c = 0; c < codes; c++) {
        unsigned width = code_width(font, c);
        if (width == dw) {
            run = NULL;
            continue;
        }
        if (!run) {
            HPDF_Array_AddNumber(w, (HPDF_INT32)c);
            run = HPDF_Array_New(pdf->mmgr);
            if (!run || HPDF_Array_Add(w, run) != HPDF_OK) return;
        }
        HPDF_Array_AddNumber(run, (HPDF_INT32)width);
    }
}

/* A six-letter subset tag (ISO 32000-1, 9.6.4) from FACE and the
 * characters of FONT: the same for the same document. */
static void subset_tag(char tag[8], size_t face, const bg_pdf_font *font)
{
    uint32_t h = 2166136261u ^ (uint32_t)face; /* FNV-1a */
    for (size_t i = 0; i < font->count; i++) {
        h ^= font->cps[i];
        h *= 16777619u;
    }
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '+';
    tag[7] = '\0';
}

/* The CMap of one-byte codes, each the CID of its value (ISO 32000-1,
 * 9.7.5.3: an embedded CMap stream, as PDF/A-2 requires of a CMap not
 * predefined, ISO 19005-2, 6.2.11.3.3), made the first time a font needs
 * it; one for the document. Its CIDSystemInfo is the CIDFonts' (ISO
 * 19005-2, 6.2.11.3.1). */
static HPDF_Dict one_byte_cmap(HPDF_Doc pdf)
{
    HPDF_MMgr m = pdf->mmgr;
    HPDF_Dict stream = HPDF_DictStream_New(m, pdf->xref);
    HPDF_Dict sysinfo = stream ? HPDF_Dict_New(m) : NULL;
    if (!sysinfo || HPDF_Dict_Add(stream, "CIDSystemInfo", sysinfo) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(stream, "Type", "CMap");
    HPDF_Dict_AddName(stream, "CMapName", "Briefgen-OneByte-H");
    HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(m, "Adobe", NULL));
    HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(m, "Identity", NULL));
    HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    HPDF_Dict_AddNumber(stream, "WMode", 0);
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_WriteStr(stream->stream,
                         "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n"
                         "12 dict begin\nbegincmap\n/CIDSystemInfo 3 dict dup begin\n"
                         "/Registry (Adobe) def\n/Ordering (Identity) def\n/Supplement 0 def\n"
                         "end def\n/CMapName /Briefgen-OneByte-H def\n/CMapVersion 1 def\n"
                         "/CMapType 1 def\n/WMode 0 def\n1 begincodespacerange\n<00> <FF>\n"
                         "endcodespacerange\n1 begincidrange\n<00> <FF> 0\nendcidrange\nendcmap\n"
                         "CMapName currentdict /CMap defineresource pop\nend\nend\n");
    return stream;
}

/* The font objects of FONT (ISO 32000-1, 9.7): a Type0 font, Identity-H
 * or, for one-byte codes, the CMap *ONE_CMAP (made here the first time),
 * over a CIDFontType2 whose CIDToGIDMap is /Identity (a short stream when
 * two characters share a glyph), the subset embedded as FontFile2, and a
 * ToUnicode CMap. libharu's errors are sticky: the caller checks them. */
static HPDF_Dict font_objects(HPDF_Doc pdf, size_t face, bg_pdf_font *font, HPDF_Dict *one_cmap,
                              bg_late *late)
{
    HPDF_MMgr m = pdf->mmgr;
    char base[80];
    subset_tag(base, face, font);
    snprintf(base + 7, sizeof base - 7, "%s", font->name);
    HPDF_Dict type0 = HPDF_Dict_New(m);
    if (!type0 || HPDF_Xref_Add(pdf->xref, type0) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(type0, "Type", "Font");
    HPDF_Dict_AddName(type0, "Subtype", "Type0");
    HPDF_Dict_AddName(type0, "BaseFont", base);
    if (one_byte(font)) {
        if (!*one_cmap) *one_cmap = one_byte_cmap(pdf);
        HPDF_Dict encoding = *one_cmap;
        if (!encoding || HPDF_Dict_Add(type0, "Encoding", encoding) != HPDF_OK) return NULL;
    } else {
        HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    }
    HPDF_Dict cid = HPDF_Dict_New(m);
    HPDF_Array descendants = HPDF_Array_New(m);
    if (!cid || HPDF_Xref_Add(pdf->xref, cid) != HPDF_OK || !descendants ||
        HPDF_Dict_Add(type0, "DescendantFonts", descendants) != HPDF_OK ||
        HPDF_Array_Add(descendants, cid) != HPDF_OK)
        return NULL;
    HPDF_Dict cmap = to_unicode(pdf, font);
    if (!cmap || HPDF_Dict_Add(type0, "ToUnicode", cmap) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", base);
    HPDF_Dict sysinfo = HPDF_Dict_New(m);
    if (!sysinfo || HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo) != HPDF_OK) return NULL;
    HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(m, "Adobe", NULL));
    HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(m, "Identity", NULL));
    HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    widths(pdf, cid, font);
    if (font->extra == 0) {
        HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    } else {
        HPDF_Dict map = HPDF_DictStream_New(m, pdf->xref);
        if (!map || HPDF_Dict_Add(cid, "CIDToGIDMap", map) != HPDF_OK) return NULL;
        map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        for (size_t c = 0; c < font->glyph_count + font->extra; c++) {
            size_t g = c < font->glyph_count ? c : font->extra_gid[c - font->glyph_count];
            HPDF_BYTE two[2] = {(HPDF_BYTE)(g >> 8), (HPDF_BYTE)g};
            HPDF_Stream_Write(map->stream, two, 2);
        }
    }
    HPDF_Dict desc = HPDF_Dict_New(m);
    if (!desc || HPDF_Xref_Add(pdf->xref, desc) != HPDF_OK ||
        HPDF_Dict_Add(cid, "FontDescriptor", desc) != HPDF_OK)
        return NULL;
    HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    HPDF_Dict_AddName(desc, "FontName", base);
    /* nonsymbolic (the characters are Unicode's), italic when slanted */
    HPDF_Dict_AddNumber(desc, "Flags", 32 | (font->italic_angle != 0 ? 64 : 0));
    HPDF_Box box = {(HPDF_REAL)font->bbox[0], (HPDF_REAL)font->bbox[1], (HPDF_REAL)font->bbox[2],
                    (HPDF_REAL)font->bbox[3]};
    HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(m, box));
    HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)font->italic_angle);
    HPDF_Dict_AddNumber(desc, "Ascent", font->ascent);
    HPDF_Dict_AddNumber(desc, "Descent", font->descent);
    HPDF_Dict_AddNumber(desc, "CapHeight", font->cap_height);
    HPDF_Dict_AddNumber(desc, "StemV", 80); /* not in a TrueType font; a usual value */
    HPDF_Dict file = HPDF_DictStream_New(m, pdf->xref);
    if (!file || HPDF_Dict_Add(desc, "FontFile2", file) != HPDF_OK) return NULL;
    file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)font->size);
    /* deflated on bg_late's thread, as libharu would deflate it */
    if (!font->data && late && bg_late_attach(late, face, file, font->size) == 0) {
        /* (the stream's now) */
    } else if (font->data)
        HPDF_Stream_Write(file->stream, font->data, (HPDF_UINT)font->size);
    else
        return NULL;
    return type0;
}

/* Subsets every face that draws something into FONTS[face]
 * (bg_pdf_fonts_make) and makes its font objects, OUT[face]; the font
 * files go to libharu's streams and are freed here. */
static int load_fonts(HPDF_Doc pdf, const bg_pages *ps, bg_fonts *faces, HPDF_Dict *out,
                      bg_pdf_font *fonts, bg_late *late, bg_diags *diags)
{
    HPDF_Dict cmap = NULL; /* (one_byte_cmap) */
    size_t n = bg_fonts_face_count(faces), made_count = n < ps->face_count ? n : ps->face_count;
    int *made = calloc(n ? n : 1, sizeof *made);
    int status = -1;
    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    if (!made) {
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (bg_pdf_fonts_make(faces, ps->faces, made_count, fonts, made, late, diags) != 0) goto done;
    for (size_t i = 0; i < made_count; i++) {
        if (made[i] == 0) continue;
        out[i] = font_objects(pdf, i, &fonts[i], &cmap, late);
        free(fonts[i].data); /* libharu holds the file now */
        fonts[i].data = NULL;
        if (!out[i]) {
            bg_diag_add(diags, BG_ERROR, bg_fonts_face_path(faces, (int)i), 0, 0,
                        "cannot make the PDF's font objects");
            goto done;
        }
    }
    status = 0;
done:
    free(made);
    return status;
}

/* A growable text buffer for one page's text object. STR_END is LEN just
 * after a string of a TJ array was closed, so that the next string joins
 * it while nothing came between; NUM_AT and NUM_END bound the last number
 * written in a TJ array. */
typedef struct sbuf {
    char *data;
    size_t len, cap;
    size_t str_end, num_at, num_end;
    int oom;
} sbuf;

static void sb_reserve(sbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap) return;
    size_t cap = (b->len + more + 1) * 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->oom = 1;
        return;
    }
    b->data = grown;
    b->cap = cap;
}

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    sb_reserve(b, 128);
    if (b->oom) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < b->cap - b->len) b->len += (size_t)n;
}

/* A literal string of codes for UTF-8 TEXT (one byte each where
 * one_byte(FONT), else two, high byte first), joined to the string just
 * written when nothing came between: one code (the glyph
 * id in FONT's subset, subset.h) per character, '(', ')', '\\' and line
 * ends escaped (half the bytes of a hex string, so half the deflating). With ADJUST, each
 * character's kerning and width correction (thousandths of the size) accumulates and goes into the
 * TJ array between characters once it reaches two units. Returns what is left after the last
 * character. */
static double sb_codes(sbuf *b, const char *text, size_t len, const float *adjust,
                       const bg_pdf_font *font)
{
    sb_reserve(b, len * 12 + 16);
    if (b->oom) return 0;
    char *o = b->data + b->len;
    if (b->len && b->len == b->str_end)
        o--; /* one string with the last: its ')' goes */
    else
        *o++ = '(';
    double acc = 0;
    size_t ch = 0;
    const bool one = one_byte(font);
    for (size_t i = 0; i < len; ch++) {
        uint32_t cp;
        size_t k = bg_utf8_decode(text + i, &cp);
        cp = bg_pdf_font_code(font, cp);
        const unsigned char bytes[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
        for (int n = one ? 1 : 0; n < 2; n++) {
            unsigned char c = bytes[n];
            if (c == '(' || c == ')' || c == '\\') {
                *o++ = '\\';
                *o++ = (char)c;
            } else if (c == '\r') {
                *o++ = '\\';
                *o++ = 'r';
            } else if (c == '\n') {
                *o++ = '\\';
                *o++ = 'n';
            } else {
                *o++ = (char)c;
            }
        }
        i += k;
        if (adjust) {
            acc += adjust[ch];
            /* kerning pairs are tens of units; libharu's truncated widths
             * drift by under one a character: corrected once they reach
             * 8 (0.08 pt at 10 pt, invisible) */
            if (i < len && fabs(acc) >= 8) {
                long shift = lround(acc), v = shift < 0 ? -shift : shift;
                char digits[24];
                int nd = 0;
                do {
                    digits[nd++] = (char)('0' + v % 10);
                    v /= 10;
                } while (v);
                *o++ = ')';
                if (shift > 0) *o++ = '-'; /* TJ moves left by positive numbers */
                while (nd)
                    *o++ = digits[--nd];
                *o++ = '(';
                acc -= (double)shift;
            }
        }
    }
    *o++ = ')';
    b->len = (size_t)(o - b->data);
    b->str_end = b->len;
    return acc;
}

/* Appends V with DECIMALS (0-5) digits after the point, trailing zeros
 * dropped: printf's %f costs a tenth of a render here. */
static void sb_num(sbuf *b, double v, int decimals)
{
    sb_reserve(b, 32);
    if (b->oom) return;
    static const long scale[] = {1, 10, 100, 1000, 10000, 100000};
    long long n = (long long)llround(fabs(v) * scale[decimals]);
    char tmp[32];
    int t = 0, d = 0;
    bool digits_started = false;
    for (; d < decimals; d++) {
        int digit = (int)(n % 10);
        n /= 10;
        if (digit || digits_started) {
            tmp[t++] = (char)('0' + digit);
            digits_started = true;
        }
    }
    if (digits_started) tmp[t++] = '.';
    do {
        tmp[t++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    if (v < 0 && (t > 1 || tmp[0] != '0')) tmp[t++] = '-';
    char *o = b->data + b->len;
    while (t)
        *o++ = tmp[--t];
    *o++ = ' ';
    b->len = (size_t)(o - b->data);
}

static void sb_str(sbuf *b, const char *str)
{
    size_t n = strlen(str);
    sb_reserve(b, n);
    if (b->oom) return;
    memcpy(b->data + b->len, str, n);
    b->len += n;
}

/* Sets colour C (0xRRGGBB) with OP ("rg\n", "RG\n"), each part to three
 * decimals. */
static void sb_color(sbuf *b, uint32_t c, const char *op)
{
    rgb v = rgb_of(c);
    sb_num(b, v.r, 3);
    sb_num(b, v.g, 3);
    sb_num(b, v.b, 3);
    sb_str(b, op);
}

/* Marks the content of ELEM from here, in language LANG when it is not
 * the document's: a marked-content sequence with an MCID (tags.c) for a
 * stretch of an element's runs, across lines and faces, ending the one
 * open (*OPEN, of element *OPEN_ELEM); words in the other language in a
 * Span inside it whose only property is /Lang (*SPAN: the one open, or
 * NULL), with no MCID of its own (ISO 32000-1, 14.9.2.2). A Span ends
 * its sequence: poppler (MarkedContentOutputDev, pdfinfo -struct-text)
 * counts an EMC but not a BDC without an MCID, and so loses what follows
 * an inner EMC in the same sequence. */
static void sb_mark(sbuf *b, bg_tags *tags, bool *open, int *open_elem, const char **span, int elem,
                    const char *lang)
{
    if (!*open || elem != *open_elem || (*span && lang != *span)) {
        char op[80] = "";
        if (*span) sb_str(b, "EMC\n");
        if (*open) sb_str(b, "EMC\n");
        *span = NULL;
        if (bg_tags_begin(tags, elem, op, sizeof op) != 0) b->oom = 1;
        sb_str(b, op);
        *open = true;
        *open_elem = elem;
    }
    if (lang && !*span) {
        sb_str(b, "/Span<</Lang(");
        sb_str(b, lang);
        sb_str(b, ")>>BDC\n");
        *span = lang;
    }
}

static void sb_flush(sbuf *b, HPDF_Page page)
{
    if (!b->len) return;
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
    b->len = b->str_end = b->num_at = b->num_end = 0;
}

/* A number of a TJ array: V thousandths of the size, rounded to a whole
 * one; none when that is 0. */
static void sb_adjust(sbuf *b, double v)
{
    if (llround(v) == 0) return;
    b->num_at = b->len;
    sb_num(b, v, 0);
    if (!b->oom) b->len--; /* (its space: a string or the array's end follows) */
    b->num_end = b->len;
}

/* Ends a TJ array. A number after its last string moves only the pen,
 * which no later operator reads (each array starts at a Td or Tm, from
 * the line matrix: ISO 32000-1, 9.4.2), and goes. */
static void sb_end_tj(sbuf *b)
{
    if (b->num_end && b->len == b->num_end) b->len = b->num_at;
    sb_str(b, "] TJ\n");
}

/* True when RUN's text begins (or, with AT_END, ends) with a space, or
 * ends with a hyphen (a word broken at the line's end). */
static bool edge_space(const bg_run *run, bool at_end)
{
    if (!run->len) return false;
    size_t i = at_end ? run->len - 1 : 0;
    while (at_end && i > 0 && ((unsigned char)run->text[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp;
    bg_utf8_decode(run->text + i, &cp);
    return cp == ' ' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) ||
           (at_end && (cp == '-' || cp == 0xAD || cp == 0x2010));
}

/* A space's code and width (thousandths of an em) in FONT, for the gap
 * between two words LAYOUT set apart (a justified line has no space
 * characters): text extraction and the structure tree read a space
 * there. False when the face has no space. */
static bool space_code(const bg_pdf_font *font, uint16_t *code, unsigned *width)
{
    *code = font->count ? bg_pdf_font_code(font, ' ') : 0;
    if (!*code) return false;
    *width = code_width(font, *code);
    return true;
}

/* Writes a space of FONT as the start of a gap GAP points wide in a TJ
 * array at SIZE with letter-spacing TC (Tc, added after the space too:
 * ISO 32000-1, 9.3.2): the space, then what is left of the gap. */
static void sb_space(sbuf *b, const bg_pdf_font *font, uint16_t code, unsigned width, double gap,
                     double size, double tc)
{
    char s[8];
    unsigned char hi = (unsigned char)(code >> 8), lo = (unsigned char)(code & 0xFF);
    int n = 0;
    bool join = b->len && b->len == b->str_end; /* one string with the last */
    if (!join) s[n++] = '(';
    for (int k = one_byte(font) ? 1 : 0; k < 2; k++) {
        unsigned char c = k ? lo : hi;
        if (c == '(' || c == ')' || c == '\\') s[n++] = '\\';
        if (c == '\r' || c == '\n') {
            s[n++] = '\\';
            c = c == '\r' ? 'r' : 'n';
        }
        s[n++] = (char)c;
    }
    s[n++] = ')';
    sb_reserve(b, (size_t)n);
    if (b->oom) return;
    if (join) b->len--;
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += (size_t)n;
    b->str_end = b->len;
    double rest = (gap - tc) * 1000.0 / size - width;
    sb_adjust(b, -rest); /* (when GAP is 0: back over the space) */
}

/* The language of RUN when it is the other one of the two the document
 * may be in (ISO 32000-1, 14.9.2): "ko" for Hangul in an English document,
 * "en" for Latin letters and no Hangul in a Korean one; NULL when it is
 * the document's (or neither: digits, punctuation, then *NEUTRAL). */
static const char *run_lang_of(const bg_run *run, bool korean, bool *neutral)
{
    bool hangul = false, latin = false;
    for (size_t i = 0; i < run->len && !hangul;) {
        uint32_t cp;
        i += bg_utf8_decode(run->text + i, &cp);
        hangul = (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
                 (cp >= 0x3130 && cp <= 0x318F);
        latin = latin || (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
    }
    *neutral = !hangul && !latin;
    if (!korean) return hangul ? "ko" : NULL;
    return latin && !hangul ? "en" : NULL;
}

static const char *run_lang(const bg_run *run, bool korean)
{
    bool neutral;
    return run_lang_of(run, korean, &neutral);
}

static bool same_group(const bg_run *a, const bg_run *b)
{
    return a->elem == b->elem && a->face == b->face && a->size == b->size && a->color == b->color &&
           a->fake_bold == b->fake_bold && a->fake_italic == b->fake_italic &&
           a->track == b->track && fabs(a->y - b->y) < 0.01 && b->x >= a->x + a->width - 0.01;
}

/* The kerning of RUN, into *BUF (grown as needed); NULL without memory. */
static const float *run_adjustments(bg_fonts *fonts, const bg_run *run, float **buf, size_t *cap)
{
    if (run->len + 1 > *cap) {
        float *grown = realloc(*buf, (run->len + 1) * sizeof *grown);
        if (!grown) return NULL;
        *buf = grown;
        *cap = run->len + 1;
    }
    bg_run_adjustments(fonts, run, *buf);
    return *buf;
}

/* Names FONT, the font objects of face FACE, in PAGE's font resources as
 * /F<FACE>, once a page (USED: the faces named on this page). */
static void use_font(HPDF_Page page, HPDF_Dict font, int face, bool *used)
{
    if (used[face]) return;
    used[face] = true;
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (!attr->fonts) {
        HPDF_Dict resources = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict dict = resources ? HPDF_Dict_New(page->mmgr) : NULL;
        if (!dict || HPDF_Dict_Add(resources, "Font", dict) != HPDF_OK) return;
        attr->fonts = dict;
    }
    char name[24];
    snprintf(name, sizeof name, "F%d", face);
    HPDF_Dict_Add(attr->fonts, name, font);
}

/* H hundredths as the shortest decimal and a space, as sb_num(H / 100, 2)
 * writes it. */
static void hundredths(char out[32], long long h)
{
    unsigned long long v = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
    char tmp[32];
    int t = 0;
    unsigned cents = (unsigned)(v % 100);
    v /= 100;
    if (cents % 10) tmp[t++] = (char)('0' + cents % 10);
    if (cents) {
        tmp[t++] = (char)('0' + cents / 10);
        tmp[t++] = '.';
    }
    do {
        tmp[t++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (h < 0) tmp[t++] = '-';
    int n = 0;
    while (t)
        out[n++] = tmp[--t];
    out[n++] = ' ';
    out[n] = '\0';
}

/* H hundredths as a correctly rounding reader (strtod) reads what
 * hundredths(H) writes: the nearest double to H / 100, which is what an
 * IEEE 754 division of two exact doubles gives (H is far under 2^53). */
static double rounded_value(long long h)
{
    return (double)h / 100.0;
}

/* H hundredths as poppler's lexer (Lexer.cc) reads what hundredths(H)
 * writes: the whole part, then each decimal digit written times 0.1, then
 * 0.01 (0.1 times 0.1), added in turn, not rounded as one. */
static double lexer_value(long long h)
{
    unsigned long long v = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
    unsigned long long whole = v / 100;
    unsigned cents = (unsigned)(v % 100), tenths = cents / 10;
    double x = (double)whole;
    if (cents) { /* "n.d" or "n.dd", as hundredths writes them */
        double scale = 0.1;
        x = x + scale * (double)tenths;
        scale *= 0.1;
        if (cents % 10) x = x + scale * (double)(cents % 10);
    }
    return h < 0 ? -x : x;
}

/* What a reader of the content stream holds of the text state, in doubles:
 * the text matrix and the line's offset from it that each Td adds to
 * (poppler's GfxState: text matrix, lineX and lineY), each number, written
 * in hundredths, read as VALUE reads it. A Td is written only where both
 * of poppler's number readers (its lexer's and a correctly rounded one)
 * land on the double that a Tm of the same origin would give, so that
 * poppler puts the glyphs on the same device pixels as before; other
 * readers are not modelled. */
typedef struct reader {
    double (*value)(long long);
    double m[6];
    double line_x, line_y;
} reader;

static bool reader_moves_to(const reader *rd, long long dx, long long dy, long long ax,
                            long long ay)
{
    double lx = rd->line_x + rd->value(dx), ly = rd->line_y + rd->value(dy);
    double x = rd->m[0] * lx + rd->m[2] * ly + rd->m[4],
           y = rd->m[1] * lx + rd->m[3] * ly + rd->m[5];
    return x == rd->value(ax) && y == rd->value(ay);
}

static void reader_move(reader *rd, long long dx, long long dy)
{
    rd->line_x += rd->value(dx);
    rd->line_y += rd->value(dy);
}

static void reader_matrix(reader *rd, double slant, long long ax, long long ay)
{
    double m[6] = {1, 0, slant, 1, rd->value(ax), rd->value(ay)};
    memcpy(rd->m, m, sizeof m);
    rd->line_x = rd->line_y = 0;
}

static int draw_text(HPDF_Page page, const bg_page *p, double height, HPDF_Dict *fonts,
                     bg_fonts *faces, const bg_pdf_font *subsets, bool *used, bg_tags *tags,
                     bool korean)
{
    if (p->run_count == 0) return 0;
    sbuf b = {NULL, 0, 0, 0, 0, 0, 0};
    float *adjust = NULL;
    size_t adjust_cap = 0;
    HPDF_Page_BeginText(page);
    HPDF_Dict current = NULL;
    double current_size = 0;
    uint32_t fill = 0xFFFFFFFF, stroke = 0xFFFFFFFF; /* (not a colour: none set yet) */
    /* the line matrix, a translation by (LX, LY) hundredths of a point,
     * slanted with SLANT: BT sets the identity (ISO 32000-1, 9.4.1) */
    long long lx = 0, ly = 0;
    bool slant = false;
    double tc = 0; /* the letter-spacing (Tc) set */
    reader readers[2] = {{rounded_value, {1, 0, 0, 1, 0, 0}, 0, 0},
                         {lexer_value, {1, 0, 0, 1, 0, 0}, 0, 0}};
    bool stroking = false, marked = false, last_on_line = false;
    const char *mark_lang = NULL;
    bg_run last; /* the last run with text drawn */
    memset(&last, 0, sizeof last);
    int elem = 0;
    size_t pos = 0;
    bg_run run;
    memset(&run, 0, sizeof run);
    bool more = bg_page_next_run(p, &pos, &run);
    while (more) {
        const bg_run *r = &run;
        if (r->face < 0 || !fonts[r->face] || r->len == 0) {
            more = bg_page_next_run(p, &pos, &run);
            continue;
        }
        bool neutral = false;
        const char *lang = r->elem >= 0 ? run_lang_of(r, korean, &neutral) : NULL;
        /* digits and punctuation after words of the other language stay
         * in their span */
        sb_mark(&b, tags, &marked, &elem, &mark_lang, r->elem,
                neutral && marked && r->elem == elem ? mark_lang : lang);
        if (fonts[r->face] != current || r->size != current_size) {
            use_font(page, fonts[r->face], r->face, used);
            sb_printf(&b, "/F%d ", r->face);
            sb_num(&b, r->size, 5); /* as libharu's Tf had it */
            sb_str(&b, "Tf\n");
            current = fonts[r->face];
            current_size = r->size;
        }
        /* the stroke colour only for a synthetic bold, which strokes */
        if (r->color != fill) {
            sb_color(&b, r->color, "rg\n");
            fill = r->color;
        }
        if (r->fake_bold && r->color != stroke) {
            sb_color(&b, r->color, "RG\n");
            stroke = r->color;
        }
        if (r->fake_bold != stroking) {
            if (r->fake_bold)
                sb_printf(&b, "2 Tr %.3f w\n", r->size * 0.035);
            else
                sb_printf(&b, "0 Tr\n");
            stroking = r->fake_bold;
        }
        /* a letter-spaced line (layout's bg_run.track, in its widths) */
        if (r->track != tc) {
            sb_num(&b, r->track, 4);
            sb_str(&b, "Tc\n");
            tc = r->track;
        }
        /* one TJ for the runs of a line that share this look; 12 degrees of
         * slant for a face with no italic. A word after one of another look
         * on the line begins with the space between them. */
        uint16_t space;
        unsigned space_w;
        bool spaced = last_on_line && r->elem >= 0 && last.y == r->y && last.elem == r->elem &&
                      r->x - (last.x + last.width) > r->size * 0.1 && !r->joined &&
                      !edge_space(&last, true) && !edge_space(r, false) &&
                      space_code(&subsets[r->face], &space, &space_w);
        double x0 = spaced ? r->x - space_w * r->size / 1000.0 - tc : r->x;
        /* a move from the last line matrix where it stays a translation of
         * the same slant (a slanted one only along its line), in whole
         * hundredths: each origin is exactly where a Tm would have put it */
        long long x = llround(x0 * 100), y = llround((height - r->y) * 100);
        char nx[32], ny[32];
        bool move = r->fake_italic == slant && (!slant || y == ly);
        for (int k = 0; k < 2 && move; k++)
            move = reader_moves_to(&readers[k], x - lx, y - ly, x, y);
        if (move) {
            for (int k = 0; k < 2; k++)
                reader_move(&readers[k], x - lx, y - ly);
            hundredths(nx, x - lx);
            hundredths(ny, y - ly);
            sb_str(&b, nx);
            sb_str(&b, ny);
            sb_str(&b, "Td [");
        } else {
            for (int k = 0; k < 2; k++)
                reader_matrix(&readers[k], r->fake_italic ? 0.2126 : 0, x, y);
            hundredths(nx, x);
            hundredths(ny, y);
            sb_str(&b, r->fake_italic ? "1 0 0.2126 1 " : "1 0 0 1 ");
            sb_str(&b, nx);
            sb_str(&b, ny);
            sb_str(&b, "Tm [");
        }
        lx = x;
        ly = y;
        slant = r->fake_italic;
        if (spaced)
            sb_space(&b, &subsets[r->face], space, space_w, space_w * r->size / 1000.0 + tc,
                     r->size, tc);
        double pen = r->x;
        bg_run g = run, prev, word = run; /* (word: the last with text) */
        bool have_prev = false;
        for (;;) {
            if (g.len != 0) {
                double gap = g.x - pen;
                if (gap > g.size * 0.1 && have_prev && !g.joined && g.elem >= 0 &&
                    !edge_space(&word, true) && !edge_space(&g, false) &&
                    space_code(&subsets[g.face], &space, &space_w))
                    sb_space(&b, &subsets[g.face], space, space_w, gap, g.size, tc);
                else
                    sb_adjust(&b, -gap * 1000.0 / g.size);
                const float *adj = run_adjustments(faces, &g, &adjust, &adjust_cap);
                if (!adj) b.oom = 1;
                double rest = sb_codes(&b, g.text, g.len, adj, &subsets[g.face]);
                /* where the PDF's pen really is: short of the layout by what is
                 * still to be applied */
                pen = g.x + g.width - rest * g.size / 1000.0;
            }
            if (g.len != 0) {
                word = g;
                have_prev = true;
            }
            prev = g;
            more = bg_page_next_run(p, &pos, &g);
            if (!more || !same_group(&prev, &g) ||
                (g.elem >= 0 && g.len && run_lang(&g, korean) != lang))
                break;
        }
        /* a line's last word before the next line of its paragraph: a space
         * after it (past the measure, where it shows nothing) */
        if (have_prev && more && word.elem >= 0 && g.elem == word.elem && g.y > word.y + 0.01 &&
            !edge_space(&word, true) && !edge_space(&g, false) &&
            space_code(&subsets[word.face], &space, &space_w))
            sb_space(&b, &subsets[word.face], space, space_w, 0, word.size, tc);
        last = word;
        last_on_line = have_prev;
        run = g;
        sb_end_tj(&b);
    }
    if (mark_lang) sb_str(&b, "EMC\n");
    if (marked) sb_str(&b, "EMC\n");
    if (stroking) sb_printf(&b, "0 Tr\n");
    if (tc != 0) sb_str(&b, "0 Tc\n"); /* (text state outlives ET: 9.3.1) */
    sb_flush(&b, page);
    HPDF_Page_EndText(page);
    int status = b.oom ? -1 : 0;
    free(b.data);
    free(adjust);
    return status;
}

/* Writes the operators OPS into PAGE's content. */
static void put_ops(HPDF_Page page, const char *ops)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops, (HPDF_UINT)strlen(ops));
}

/* The colours and line width set last on a page, each set again only
 * when it changes (FILL, STROKE 0xFFFFFFFF, WIDTH below 0: none yet). */
typedef struct pen_state {
    uint32_t fill, stroke;
    double width;
} pen_state;

static void pen_stroke(HPDF_Page page, pen_state *pen, uint32_t color, double width)
{
    if (color != pen->stroke) set_rgb_stroke(page, color);
    if ((HPDF_REAL)width != (HPDF_REAL)pen->width) HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
    pen->stroke = color;
    pen->width = width;
}

/* Boxes and rules: shading, table lines, margin bars, never content. */
static void draw_graphics(HPDF_Page page, const bg_page *p, double height)
{
    if (!p->box_count && !p->rule_count) return;
    put_ops(page, "/Artifact BMC\n");
    pen_state pen = {0xFFFFFFFF, 0xFFFFFFFF, -1};
    for (size_t i = 0; i < p->box_count; i++) {
        const bg_box *b = &p->boxes[i];
        if (b->has_fill && b->fill != pen.fill) set_rgb_fill(page, b->fill);
        if (b->has_fill) pen.fill = b->fill;
        if (b->stroke_width > 0) pen_stroke(page, &pen, b->stroke, b->stroke_width);
        HPDF_Page_Rectangle(page, (HPDF_REAL)b->x, (HPDF_REAL)(height - b->y - b->h),
                            (HPDF_REAL)b->w, (HPDF_REAL)b->h);
        if (b->has_fill && b->stroke_width > 0)
            HPDF_Page_FillStroke(page);
        else if (b->has_fill)
            HPDF_Page_Fill(page);
        else
            HPDF_Page_Stroke(page);
    }
    for (size_t i = 0; i < p->rule_count; i++) {
        const bg_rule *r = &p->rules[i];
        pen_stroke(page, &pen, r->color, r->width);
        HPDF_Page_MoveTo(page, (HPDF_REAL)r->x1, (HPDF_REAL)(height - r->y1));
        HPDF_Page_LineTo(page, (HPDF_REAL)r->x2, (HPDF_REAL)(height - r->y2));
        HPDF_Page_Stroke(page);
    }
    put_ops(page, "EMC\n");
}

/* Each image of the page through pdf/image.c (one XObject for each
 * distinct image); one that cannot be drawn is left out with a warning,
 * and libharu's error, if it raised one, is cleared: an input never fails
 * the render. */
static int draw_images(HPDF_Doc pdf, pdf_state *st, bg_pdf_images *images, HPDF_Page page,
                       const bg_page *p, double height, bg_diags *diags, bg_tags *tags)
{
    for (size_t i = 0; i < p->image_count; i++) {
        const bg_image *im = &p->images[i];
        pdf_state before = *st;
        HPDF_Image image = bg_pdf_image(images, pdf, im, diags);
        if (!image) {
            *st = before;
            HPDF_ResetError(pdf);
            continue;
        }
        char op[64];
        if (bg_tags_begin(tags, im->elem, op, sizeof op) != 0) return -1;
        put_ops(page, op);
        HPDF_Page_DrawImage(page, image, (HPDF_REAL)im->x, (HPDF_REAL)(height - im->y - im->h),
                            (HPDF_REAL)im->w, (HPDF_REAL)im->h);
        put_ops(page, "EMC\n");
    }
    return 0;
}

static HPDF_Destination destination(HPDF_Page *pages, size_t count, int page, double y,
                                    double height)
{
    if (page < 0 || (size_t)page >= count) return NULL;
    HPDF_Destination dst = HPDF_Page_CreateDestination(pages[page]);
    if (dst) HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(height - y + 12), 1);
    return dst;
}

static void draw_links(HPDF_Doc pdf, HPDF_Page page, const bg_page *p, HPDF_Page *all, size_t count,
                       double height, bg_tags *tags, bool korean)
{
    for (size_t i = 0; i < p->link_count; i++) {
        const bg_link *l = &p->links[i];
        HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(height - l->y - l->h),
                          (HPDF_REAL)(l->x + l->w), (HPDF_REAL)(height - l->y)};
        HPDF_Annotation a = NULL;
        if (l->uri) {
            char *uri = uri_ascii(l->uri);
            if (uri) a = bg_annot_link(pdf, page, rect, NULL, uri);
            free(uri);
        } else {
            HPDF_Destination dst = destination(all, count, l->dest_page, l->dest_y, height);
            if (dst) a = bg_annot_link(pdf, page, rect, dst, NULL);
        }
        if (!a) continue;
        /* its description (PDF/UA-1, 7.18.5): where it leads */
        char where[32];
        if (!l->uri) snprintf(where, sizeof where, korean ? "%d쪽" : "Page %d", l->dest_page + 1);
        bg_tags_link(tags, a, l->elem, l->uri ? l->uri : where);
    }
}

/* libharu's UTF-8 encoder writes a character past U+FFFF as a space in a
 * text string (an outline's title, the document's title): DICT's KEY gets
 * UTF8 again, as UTF-16BE after a byte-order mark (ISO 32000-1, 7.9.2.2),
 * when it has such a character. */
static void astral_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *utf8)
{
    size_t units = 1;
    bool astral = false;
    for (const char *p = utf8; p && *p;) {
        uint32_t cp;
        p += bg_utf8_decode(p, &cp);
        units += cp > 0xFFFF ? 2 : 1;
        astral = astral || cp > 0xFFFF;
    }
    if (!dict || !astral || units * 2 > 65535) return; /* (libharu's longest string) */
    HPDF_BYTE *b = malloc(units * 2), *o = b;
    if (!b) return;
    *o++ = 0xFE;
    *o++ = 0xFF;
    for (const char *p = utf8; *p;) {
        uint32_t cp;
        p += bg_utf8_decode(p, &cp);
        uint32_t unit[2] = {cp, 0};
        if (cp > 0xFFFF) {
            unit[0] = 0xD800 + ((cp - 0x10000) >> 10);
            unit[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
        }
        for (int k = 0; k < (cp > 0xFFFF ? 2 : 1); k++) {
            *o++ = (HPDF_BYTE)(unit[k] >> 8);
            *o++ = (HPDF_BYTE)unit[k];
        }
    }
    HPDF_Binary text = HPDF_Binary_New(pdf->mmgr, b, (HPDF_UINT)(o - b));
    if (text) HPDF_Dict_Add(dict, key, text);
    free(b);
}

static void outline(HPDF_Doc pdf, const bg_pages *ps, HPDF_Page *pages)
{
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_Outline parents[8] = {NULL};
    for (size_t i = 0; i < ps->outline_count; i++) {
        const bg_outline_item *it = &ps->outline[i];
        int level = it->level < 0 ? 0 : it->level > 7 ? 7 : it->level;
        HPDF_Outline parent = level > 0 ? parents[level - 1] : NULL;
        char *title = bg_pdf_info_text(it->title);
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, title ? title : "", enc);
        if (o) astral_text(pdf, o, "Title", title);
        free(title);
        if (!o) continue;
        HPDF_Destination dst = destination(pages, ps->count, it->page, it->y, ps->height);
        if (dst) HPDF_Outline_SetDestination(o, dst);
        parents[level] = o;
        for (int k = level + 1; k < 8; k++)
            parents[k] = NULL;
    }
}

/* The entry KEY (TYPE) of the information dictionary: TEXT as the XMP
 * has it too (bg_pdf_info_text). */
static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *key, const char *text)
{
    char *entry = bg_pdf_info_text(text);
    HPDF_SetInfoAttr(pdf, type, entry ? entry : "");
    astral_text(pdf, pdf->info, key, entry);
    free(entry);
}

static void info(HPDF_Doc pdf, const bg_pages *ps)
{
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "briefgen " BRIEFGEN_VERSION);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "briefgen " BRIEFGEN_VERSION " with libharu");
    if (ps->title) set_info(pdf, HPDF_INFO_TITLE, "Title", ps->title);
    if (ps->author) set_info(pdf, HPDF_INFO_AUTHOR, "Author", ps->author);
    if (ps->subject) set_info(pdf, HPDF_INFO_SUBJECT, "Subject", ps->subject);
    if (ps->keywords && *ps->keywords) set_info(pdf, HPDF_INFO_KEYWORDS, "Keywords", ps->keywords);
    HPDF_Date date;
    memset(&date, 0, sizeof date);
    date.ind = 'Z';
    if (ps->epoch >= 0) {
        time_t t = (time_t)ps->epoch;
        struct tm tm;
        gmtime_r(&t, &tm);
        date.year = tm.tm_year + 1900;
        date.month = tm.tm_mon + 1;
        date.day = tm.tm_mday;
        date.hour = tm.tm_hour;
        date.minutes = tm.tm_min;
        date.seconds = tm.tm_sec;
    } else {
        date.year = ps->date.year;
        date.month = ps->date.month ? ps->date.month : 1;
        date.day = ps->date.day ? ps->date.day : 1;
    }
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

/* Words for the libharu errors that briefgen can meet (hpdf_error.h);
 * "an internal error" for the rest, which no input should cause. */
static const char *haru_error_text(HPDF_STATUS error)
{
    switch (error) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
        return "a file could not be read or written";
    case HPDF_INVALID_URI:
        return "a link's address is not a valid URI";
    case HPDF_STRING_OUT_OF_RANGE:
        return "a text longer than a PDF string may be";
    case HPDF_REAL_OUT_OF_RANGE:
    case HPDF_PAGE_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_SIZE:
        return "a size or position outside what a PDF allows";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        return "a font whose licence forbids embedding";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_UNSUPPORTED_FONT_TYPE:
    case HPDF_INVALID_FONT:
        return "a font libharu cannot read";
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR:
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_COLOR_SPACE:
    case HPDF_INVALID_BIT_PER_COMPONENT:
        return "an image libharu cannot read";
    case HPDF_ZLIB_ERROR:
        return "compressing a stream failed";
    case HPDF_PAGE_CANNOT_RESTORE_GSTATE:
    case HPDF_EXCEED_GSTATE_LIMIT:
        return "graphics states nested too deep";
    default:
        return "an internal error of the PDF library";
    }
}

/* Where the PDF goes while libharu writes it: a descriptor, through a
 * buffer (libharu writes a few bytes at a time). ERR keeps the first
 * write(2) failure. */
typedef struct pdf_sink {
    int fd;
    int err;
    size_t len;
    unsigned char buf[1 << 16];
} pdf_sink;

static int sink_flush(pdf_sink *k)
{
    if (!k->err && k->len && bg_write_all(k->fd, k->buf, k->len) != 0) k->err = errno ? errno : EIO;
    k->len = 0;
    return k->err ? -1 : 0;
}

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *data, HPDF_UINT size)
{
    pdf_sink *k = stream->attr;
    while (size > 0 && !k->err) {
        if (k->len == sizeof k->buf) sink_flush(k);
        size_t n = sizeof k->buf - k->len < size ? sizeof k->buf - k->len : size;
        memcpy(k->buf + k->len, data, n);
        k->len += n;
        data += n;
        size -= (HPDF_UINT)n;
    }
    return k->err ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

/* Saves PDF to the descriptor of SINK, with object streams and a
 * cross-reference stream (objstm.c), through a callback writer that
 * libharu frees with the document (as the stream of HPDF_SaveToStream),
 * so the PDF is never held whole in memory and a failed write keeps its
 * errno. */
static int save(HPDF_Doc pdf, pdf_sink *sink)
{
    pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, sink_write, sink);
    if (!pdf->stream) return -1;
    if (bg_pdf_save_packed(pdf, pdf->stream) != 0) return -1;
    return sink_flush(sink);
}

/* A PDF drawn and not yet saved: libharu's document, its error state (the
 * handler's user data) and the name diagnostics give. */
struct bg_pdf {
    HPDF_Doc doc;
    pdf_state st;
    char *name;
};

/* The diagnostic of a PDF that failed: a write error (ERR), libharu's
 * first error, else memory. */
static void report(const bg_pdf *p, const char *name, int err, bg_diags *diags)
{
    if (err)
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot write the PDF: %s", strerror(err));
    else if (p && p->st.error)
        bg_diag_add(diags, BG_ERROR, name, 0, 0,
                    "cannot make the PDF: %s (libharu error 0x%04X, detail %u)",
                    haru_error_text(p->st.error), (unsigned)p->st.error, (unsigned)p->st.detail);
    else if (!diags->errors)
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot make the PDF: out of memory");
}

void bg_pdf_free(bg_pdf *p)
{
    if (!p) return;
    HPDF_Free(p->doc);
    free(p->name);
    free(p);
}

int bg_pdf_draw(bg_pages *ps, bg_fonts *fonts, const char *name, bg_diags *diags,
                bg_pdf_times *times, bg_pdf **out)
{
    memset(times, 0, sizeof *times);
    *out = NULL;
    double start = bg_seconds();
    bg_pdf *p = calloc(1, sizeof *p);
    if (p) p->name = strdup(name);
    if (p && p->name) p->doc = HPDF_New(on_error, &p->st);
    if (!p || !p->doc) {
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot make the PDF: out of memory");
        bg_pdf_free(p);
        return -1;
    }
    HPDF_Doc pdf = p->doc;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    info(pdf, ps);
    size_t nfaces = bg_fonts_face_count(fonts);
    HPDF_Dict *hfonts = calloc(nfaces + 1, sizeof *hfonts);
    bool *used = calloc(nfaces + 1, sizeof *used);
    HPDF_Page *pages = calloc(ps->count + 1, sizeof *pages);
    bg_pdf_font *subsets = calloc(nfaces + 1, sizeof *subsets);
    bg_pdf_images images;
    bg_packer *packer = NULL;
    bg_tags *tags = NULL;
    /* the font files, deflated while the pages are drawn */
    size_t nlate = nfaces < ps->face_count ? nfaces : ps->face_count;
    bg_late *late = bg_late_new(nlate);
    int status = -1;
    if (bg_pdf_images_init(&images, ps) != 0) goto done;
    if (!hfonts || !used || !pages || !subsets ||
        load_fonts(pdf, ps, fonts, hfonts, subsets, late, diags) != 0)
        goto done;
    /* (before drawing: the file identifier is computed from the runs) */
    if (bg_pdf_meta(pdf, ps, name, diags) != 0) goto done;
    double drawing = bg_seconds();
    times->subset = drawing - start;
    for (size_t i = 0; i < ps->count; i++) {
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i]) goto done;
        HPDF_Page_SetWidth(pages[i], (HPDF_REAL)ps->width);
        HPDF_Page_SetHeight(pages[i], (HPDF_REAL)ps->height);
    }
    /* each page's content is deflated as it is drawn (packed.c), once the
     * pages drawn hold BRIEFGEN_PDF_PACK_AFTER bytes of content (0 unless
     * set: the tests compare with libharu's own streams) */
    packer = bg_packer_new();
    tags = bg_tags_new(pdf, ps);
    if (!tags) goto done;
    bool korean = ps->lang && !strcmp(ps->lang, "ko");
    size_t content = 0, pack_after = 0;
    const char *knob = getenv("BRIEFGEN_PDF_PACK_AFTER");
    if (knob && *knob) pack_after = (size_t)strtoull(knob, NULL, 10);
    for (size_t i = 0; i < ps->count; i++) {
        if (content >= pack_after) bg_packer_start(packer, pages[i]);
        bg_tags_page(tags, pages[i], i);
        draw_graphics(pages[i], &ps->pages[i], ps->height);
        if (draw_images(pdf, &p->st, &images, pages[i], &ps->pages[i], ps->height, diags, tags) !=
            0)
            goto done;
        memset(used, 0, nfaces * sizeof *used);
        if (draw_text(pages[i], &ps->pages[i], ps->height, hfonts, fonts, subsets, used, tags,
                      korean) != 0)
            goto done;
        draw_links(pdf, pages[i], &ps->pages[i], pages, ps->count, ps->height, tags, korean);
        if (bg_packer_finish(packer, pages[i]) != 0) goto done;
        content += ((HPDF_PageAttr)pages[i]->attr)->stream->size;
        bg_page_release_runs(&ps->pages[i]); /* libharu holds the page's text now */
    }
    /* its deflate state (256 KB): each page's deflated bytes are its
     * stream's, kept until the file is saved */
    int deflated_pages = bg_packer_close(packer);
    bg_packer_free(packer);
    packer = NULL;
    if (deflated_pages != 0) {
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot make the PDF: out of memory");
        goto done;
    }
    outline(pdf, ps, pages);
    int deflated = bg_late_finish(late);
    late = NULL;
    if (deflated != 0) {
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot make the PDF: out of memory");
        goto done;
    }
    if (bg_tags_finish(tags) != 0 || p->st.error) goto done;
    times->draw = bg_seconds() - drawing;
    status = 0;
done:
    bg_late_finish(late); /* (joined before the document can be freed) */
    if (status != 0) report(p, name, 0, diags);
    /* the subsets' tables refer to PS's characters: the document holds
     * what it needs of them */
    for (size_t i = 0; subsets && i < nfaces; i++)
        bg_pdf_font_free(&subsets[i]);
    free(subsets);
    free(used);
    free(hfonts);
    free(pages);
    bg_pdf_images_free(&images);
    bg_tags_abandon(tags);
    bg_packer_free(packer);
    if (status != 0) {
        bg_pdf_free(p);
        p = NULL;
    }
    bg_tags_free(tags);
    *out = p;
    return status;
}

int bg_pdf_save(bg_pdf *p, int fd, bg_diags *diags, bg_pdf_times *times)
{
    double saving = bg_seconds();
    pdf_sink *sink = malloc(sizeof *sink);
    if (!sink) {
        report(NULL, p->name, 0, diags);
        return -1;
    }
    sink->fd = fd;
    sink->err = 0;
    sink->len = 0;
    int status = save(p->doc, sink);
    if (status != 0) report(p, p->name, sink->err, diags);
    free(sink);
    times->save = bg_seconds() - saving;
    return status;
}

int bg_pdf_write_timed(bg_pages *ps, bg_fonts *fonts, int fd, const char *name, bg_diags *diags,
                       bg_pdf_times *times)
{
    bg_pdf *p;
    int status = bg_pdf_draw(ps, fonts, name, diags, times, &p);
    if (status == 0) status = bg_pdf_save(p, fd, diags, times);
    bg_pdf_free(p);
    return status;
}

int bg_pdf_write(bg_pages *ps, bg_fonts *fonts, int fd, const char *name, bg_diags *diags)
{
    bg_pdf_times times;
    return bg_pdf_write_timed(ps, fonts, fd, name, diags, &times);
}
