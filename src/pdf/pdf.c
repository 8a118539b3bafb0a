/* pdf.c - laid-out pages to PDF through libharu, the only module that
 * calls it. Each face is subset (subset.c) before libharu loads it; text is
 * in libharu's UTF-8 encoding (CID = code point, Identity-H), each font
 * with a real ToUnicode CMap; a line's runs are placed by a text matrix,
 * slanted for a synthetic italic, filled-then-stroked for a synthetic bold.
 * libharu's errors are sticky: the handler records the first.
 *
 * Text is written straight into the page's content stream as one TJ array
 * per line and face (libharu's ShowText scans the cmap for every character
 * and allows no positioning inside a string: per-word calls cost most of a
 * render). libharu still chooses the font resource (SetFontAndSize) and
 * embeds the glyphs, which are marked used by measuring every character a
 * face drew once (HPDF_Font_TextWidth). CID = code point, as libharu's
 * UTF-8 encoder has it. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "pdf/packed.h"
#include "pdf/pdf.h"
#include "pdf/subset.h"

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

/* URIs go into the PDF as ASCII: anything else is percent-encoded. */
static char *uri_ascii(const char *uri)
{
    size_t n = strlen(uri);
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
            *p == '(' || *p == ')') {
            o += (size_t)sprintf(out + o, "%%%02X", *p);
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o] = '\0';
    return out;
}

/* libharu's ToUnicode CMap for its UTF-8 encoder is a CID range, which is
 * no ToUnicode at all (poppler: "Invalid 'begincidrange' operator"): every
 * font gets a real one, code point to the same code point, one bfrange
 * per high byte (a bfrange may vary only its last byte), the surrogates
 * left out. Readers other than poppler then extract the text too. */
static void fix_to_unicode(HPDF_Doc pdf, HPDF_Font font)
{
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!stream) return;
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_WriteStr(stream->stream,
                         "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
                         "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    static const char hex[] = "0123456789ABCDEF";
    /* high bytes 0x00-0xD7 and 0xE0-0xFF, at most 100 ranges a block */
    static const int blocks[][2] = {{0x00, 0x63}, {0x64, 0xC7}, {0xC8, 0xD7}, {0xE0, 0xFF}};
    for (int block = 0; block < 4; block++) {
        int first = blocks[block][0], last = blocks[block][1];
        char line[64];
        snprintf(line, sizeof line, "%d beginbfrange\n", last - first + 1);
        HPDF_Stream_WriteStr(stream->stream, line);
        for (int hi = first; hi <= last; hi++) {
            char h0 = hex[hi >> 4], h1 = hex[hi & 15];
            snprintf(line, sizeof line, "<%c%c00> <%c%cFF> <%c%c00>\n", h0, h1, h0, h1, h0, h1);
            HPDF_Stream_WriteStr(stream->stream, line);
        }
        HPDF_Stream_WriteStr(stream->stream, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(stream->stream, "endcmap\nCMapName currentdict /CMap defineresource "
                                         "pop\nend\nend\n");
    HPDF_Dict_Add(font, "ToUnicode", stream);
}

/* Loads a subset of every face that draws something; OUT[face]. */
static int load_fonts(HPDF_Doc pdf, const bg_pages *ps, bg_fonts *fonts, HPDF_Font *out,
                      bg_diags *diags)
{
    size_t n = bg_fonts_face_count(fonts);
    for (size_t i = 0; i < n; i++) {
        out[i] = NULL;
        if (i >= ps->face_count) continue;
        const bg_face_info *face = bg_fonts_face(fonts, (int)i);
        char *path;
        int r = bg_pdf_subset(face, &ps->faces[i], &path, diags);
        if (r < 0) return -1;
        if (r == 0) continue;
        const char *name = face->index > 0 ? HPDF_LoadTTFontFromFile2(pdf, path, 0, HPDF_TRUE)
                                           : HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
        if (name) out[i] = HPDF_GetFont(pdf, name, "UTF-8");
        if (out[i]) fix_to_unicode(pdf, out[i]);
        unlink(path);
        free(path);
        /* text goes into the content stream directly: measuring every
         * character once marks its glyph for embedding */
        char *used = out[i] ? bg_pdf_chars_text(&ps->faces[i]) : NULL;
        if (used) HPDF_Font_TextWidth(out[i], (const HPDF_BYTE *)used, (HPDF_UINT)strlen(used));
        free(used);
        if (!out[i]) {
            bg_diag_add(diags, BG_ERROR, face->path, 0, 0,
                        "libharu cannot load this font (TrueType outlines only)");
            return -1;
        }
    }
    return 0;
}

/* A growable text buffer for one page's text object. */
typedef struct sbuf {
    char *data;
    size_t len, cap;
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

/* A literal string of two-byte codes for UTF-8 TEXT: one CID (the code
 * point) per character, high byte first, '(', ')', '\\' and line ends
 * escaped (half the bytes of a hex string, so half the deflating). With
 * ADJUST, each character's kerning and width correction (thousandths of
 * the size) accumulates and goes into the TJ array between characters once
 * it reaches two units. Returns what is left after the last character. */
static double sb_codes(sbuf *b, const char *text, size_t len, const float *adjust)
{
    sb_reserve(b, len * 12 + 16);
    if (b->oom) return 0;
    char *o = b->data + b->len;
    *o++ = '(';
    double acc = 0;
    size_t ch = 0;
    for (size_t i = 0; i < len; ch++) {
        uint32_t cp;
        size_t k = bg_utf8_decode(text + i, &cp);
        if (cp > 0xFFFF) cp = '?'; /* outside the BMP: libharu's codes are two bytes */
        const unsigned char bytes[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
        for (int n = 0; n < 2; n++) {
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
    return acc;
}

/* Appends V with DECIMALS (0-3) digits after the point, trailing zeros
 * dropped: printf's %f costs a tenth of a render here. */
static void sb_num(sbuf *b, double v, int decimals)
{
    sb_reserve(b, 32);
    if (b->oom) return;
    static const long scale[] = {1, 10, 100, 1000};
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

static void sb_flush(sbuf *b, HPDF_Page page)
{
    if (!b->len) return;
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
    b->len = 0;
}

static bool same_group(const bg_run *a, const bg_run *b)
{
    return a->face == b->face && a->size == b->size && a->color == b->color &&
           a->fake_bold == b->fake_bold && a->fake_italic == b->fake_italic &&
           fabs(a->y - b->y) < 0.01 && b->x >= a->x + a->width - 0.01;
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

static int draw_text(HPDF_Page page, const bg_page *p, double height, HPDF_Font *fonts,
                     bg_fonts *faces)
{
    if (p->run_count == 0) return 0;
    sbuf b = {NULL, 0, 0, 0};
    float *adjust = NULL;
    size_t adjust_cap = 0;
    HPDF_Page_BeginText(page);
    HPDF_Font current = NULL;
    double current_size = 0;
    uint32_t current_color = 0xFFFFFFFF;
    bool stroking = false;
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
        if (fonts[r->face] != current || r->size != current_size) {
            sb_flush(&b, page);
            HPDF_Page_SetFontAndSize(page, fonts[r->face], (HPDF_REAL)r->size);
            current = fonts[r->face];
            current_size = r->size;
        }
        if (r->color != current_color) {
            rgb c = rgb_of(r->color);
            sb_printf(&b, "%.3f %.3f %.3f rg %.3f %.3f %.3f RG\n", c.r, c.g, c.b, c.r, c.g, c.b);
            current_color = r->color;
        }
        if (r->fake_bold != stroking) {
            if (r->fake_bold)
                sb_printf(&b, "2 Tr %.3f w\n", r->size * 0.035);
            else
                sb_printf(&b, "0 Tr\n");
            stroking = r->fake_bold;
        }
        /* one TJ for the runs of a line that share this look; 12 degrees of
         * slant for a face with no italic */
        sb_str(&b, r->fake_italic ? "1 0 0.2126 1 " : "1 0 0 1 ");
        sb_num(&b, r->x, 2);
        sb_num(&b, height - r->y, 2);
        sb_str(&b, "Tm [");
        double pen = r->x;
        bg_run g = run, prev;
        for (;;) {
            if (g.len != 0) {
                double gap = g.x - pen;
                if (fabs(gap) > 0.005) sb_num(&b, -gap * 1000.0 / g.size, 0);
                const float *adj = run_adjustments(faces, &g, &adjust, &adjust_cap);
                if (!adj) b.oom = 1;
                double rest = sb_codes(&b, g.text, g.len, adj);
                /* where the PDF's pen really is: short of the layout by what is
                 * still to be applied */
                pen = g.x + g.width - rest * g.size / 1000.0;
            }
            prev = g;
            more = bg_page_next_run(p, &pos, &g);
            if (!more || !same_group(&prev, &g)) break;
        }
        run = g;
        sb_str(&b, "] TJ\n");
    }
    if (stroking) sb_printf(&b, "0 Tr\n");
    sb_flush(&b, page);
    HPDF_Page_EndText(page);
    int status = b.oom ? -1 : 0;
    free(b.data);
    free(adjust);
    return status;
}

static void draw_graphics(HPDF_Doc pdf, HPDF_Page page, const bg_page *p, double height)
{
    for (size_t i = 0; i < p->box_count; i++) {
        const bg_box *b = &p->boxes[i];
        if (b->has_fill) set_rgb_fill(page, b->fill);
        if (b->stroke_width > 0) {
            set_rgb_stroke(page, b->stroke);
            HPDF_Page_SetLineWidth(page, (HPDF_REAL)b->stroke_width);
        }
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
        set_rgb_stroke(page, r->color);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)r->width);
        HPDF_Page_MoveTo(page, (HPDF_REAL)r->x1, (HPDF_REAL)(height - r->y1));
        HPDF_Page_LineTo(page, (HPDF_REAL)r->x2, (HPDF_REAL)(height - r->y2));
        HPDF_Page_Stroke(page);
    }
    for (size_t i = 0; i < p->image_count; i++) {
        const bg_image *im = &p->images[i];
        HPDF_Image image = im->png ? HPDF_LoadPngImageFromFile(pdf, im->path)
                                   : HPDF_LoadJpegImageFromFile(pdf, im->path);
        if (!image) {
            HPDF_ResetError(pdf);
            continue;
        }
        HPDF_Page_DrawImage(page, image, (HPDF_REAL)im->x, (HPDF_REAL)(height - im->y - im->h),
                            (HPDF_REAL)im->w, (HPDF_REAL)im->h);
    }
}

static HPDF_Destination destination(HPDF_Page *pages, size_t count, int page, double y,
                                    double height)
{
    if (page < 0 || (size_t)page >= count) return NULL;
    HPDF_Destination dst = HPDF_Page_CreateDestination(pages[page]);
    if (dst) HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(height - y + 12), 1);
    return dst;
}

static void draw_links(HPDF_Page page, const bg_page *p, HPDF_Page *all, size_t count,
                       double height)
{
    for (size_t i = 0; i < p->link_count; i++) {
        const bg_link *l = &p->links[i];
        HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(height - l->y - l->h),
                          (HPDF_REAL)(l->x + l->w), (HPDF_REAL)(height - l->y)};
        HPDF_Annotation a = NULL;
        if (l->uri) {
            char *uri = uri_ascii(l->uri);
            if (uri) a = HPDF_Page_CreateURILinkAnnot(page, rect, uri);
            free(uri);
        } else {
            HPDF_Destination dst = destination(all, count, l->dest_page, l->dest_y, height);
            if (dst) a = HPDF_Page_CreateLinkAnnot(page, rect, dst);
        }
        if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
}

static void outline(HPDF_Doc pdf, const bg_pages *ps, HPDF_Page *pages)
{
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_Outline parents[8] = {NULL};
    for (size_t i = 0; i < ps->outline_count; i++) {
        const bg_outline_item *it = &ps->outline[i];
        int level = it->level < 0 ? 0 : it->level > 7 ? 7 : it->level;
        HPDF_Outline parent = level > 0 ? parents[level - 1] : NULL;
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, it->title, enc);
        if (!o) continue;
        HPDF_Destination dst = destination(pages, ps->count, it->page, it->y, ps->height);
        if (dst) HPDF_Outline_SetDestination(o, dst);
        parents[level] = o;
        for (int k = level + 1; k < 8; k++)
            parents[k] = NULL;
    }
}

static void info(HPDF_Doc pdf, const bg_pages *ps)
{
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "briefgen " BRIEFGEN_VERSION);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "briefgen " BRIEFGEN_VERSION " with libharu");
    if (ps->title) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, ps->title);
    if (ps->author) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, ps->author);
    if (ps->subject) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, ps->subject);
    if (ps->keywords && *ps->keywords) HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, ps->keywords);
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

int bg_pdf_write(bg_pages *ps, bg_fonts *fonts, const char *path, bg_diags *diags)
{
    pdf_state st = {0, 0};
    HPDF_Doc pdf = HPDF_New(on_error, &st);
    if (!pdf) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "libharu cannot start (out of memory)");
        return -1;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    info(pdf, ps);
    size_t nfaces = bg_fonts_face_count(fonts);
    HPDF_Font *hfonts = calloc(nfaces + 1, sizeof *hfonts);
    HPDF_Page *pages = calloc(ps->count + 1, sizeof *pages);
    bg_packer *packer = NULL;
    int status = -1;
    if (!hfonts || !pages || load_fonts(pdf, ps, fonts, hfonts, diags) != 0) goto done;
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
    size_t content = 0, pack_after = 0;
    const char *knob = getenv("BRIEFGEN_PDF_PACK_AFTER");
    if (knob && *knob) pack_after = (size_t)strtoull(knob, NULL, 10);
    for (size_t i = 0; i < ps->count; i++) {
        if (content >= pack_after) bg_packer_start(packer, pages[i]);
        draw_graphics(pdf, pages[i], &ps->pages[i], ps->height);
        draw_text(pages[i], &ps->pages[i], ps->height, hfonts, fonts);
        draw_links(pages[i], &ps->pages[i], pages, ps->count, ps->height);
        if (bg_packer_finish(packer, pages[i]) != 0) goto done;
        content += ((HPDF_PageAttr)pages[i]->attr)->stream->size;
        bg_page_release_runs(&ps->pages[i]); /* libharu holds the page's text now */
    }
    outline(pdf, ps, pages);
    if (st.error) goto done;
    if (HPDF_SaveToFile(pdf, path) != HPDF_OK) goto done;
    status = 0;
done:
    if (status != 0) {
        if (st.error)
            bg_diag_add(diags, BG_ERROR, path, 0, 0,
                        "cannot write the PDF (libharu error 0x%04X, detail %u)",
                        (unsigned)st.error, (unsigned)st.detail);
        else if (!diags->errors)
            bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot write the PDF");
    }
    free(hfonts);
    free(pages);
    HPDF_Free(pdf);
    bg_packer_free(packer);
    return status;
}
