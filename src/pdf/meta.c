/* meta.c - document-level metadata of the PDF (meta.h): ISO 32000-1
 * 14.3.2 (metadata streams), 14.9.2 (natural language), 12.2 (viewer
 * preferences), 14.4 (file identifiers), 14.11.5 (output intents); XMP
 * as ISO 16684-1; the PDF/A identification schema of ISO 19005-2 6.6.4. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "pdf/meta.h"

/* A growing text, for the XMP packet. */
typedef struct text {
    char *s;
    size_t len, cap;
    bool oom;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->oom) return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->s, cap);
        if (!grown) {
            t->oom = true;
            return;
        }
        t->s = grown;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

char *bg_pdf_info_text(const char *s)
{
    char *out = malloc(strlen(s) + 4);
    if (!out) return NULL;
    size_t len = 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n') out[len++] = *p;
    if (len > BG_INFO_TEXT_MOST) {
        len = BG_INFO_TEXT_MOST - 3;
        while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80)
            len--; /* not inside a character */
        memcpy(out + len, "\u2026", 3);
        len += 3;
    }
    out[len] = '\0';
    return out;
}

/* S escaped for XML character data (control characters dropped: XML 1.0
 * does not allow them). */
static void put_xml(text *t, const char *s)
{
    for (const char *p = s; p && *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '&')
            puts_(t, "&amp;");
        else if (c == '<')
            puts_(t, "&lt;");
        else if (c == '>')
            puts_(t, "&gt;");
        else if (c < 0x20 && c != '\t' && c != '\n')
            continue;
        else
            put(t, p, 1);
    }
}

/* S as the information dictionary has it (bg_pdf_info_text), escaped. */
static void put_info(text *t, const char *s)
{
    char *info = bg_pdf_info_text(s);
    if (!info) t->oom = true;
    put_xml(t, info);
    free(info);
}

/* The document's date as XMP writes it, the same instant as the Info
 * dictionary's (pdf.c: SOURCE_DATE_EPOCH, else the brief's date). */
static void xmp_date(const bg_pages *ps, char *buf, size_t size)
{
    if (ps->epoch >= 0) {
        time_t t = (time_t)ps->epoch;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    } else {
        snprintf(buf, size, "%04d-%02d-%02dT00:00:00Z", ps->date.year,
                 ps->date.month ? ps->date.month : 1, ps->date.day ? ps->date.day : 1);
    }
}

static void xmp_packet(text *t, const bg_pages *ps)
{
    char date[32];
    xmp_date(ps, date, sizeof date);
    const char *lang = ps->lang ? ps->lang : "en";
    puts_(t, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
             " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
             "  <rdf:Description rdf:about=\"\"\n"
             "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
             "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
             "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if (ps->pdf_a) puts_(t, "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    if (ps->tagged) puts_(t, "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    puts_(t, ">\n   <dc:format>application/pdf</dc:format>\n");
    if (ps->title) {
        puts_(t, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_info(t, ps->title);
        puts_(t, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (ps->author) {
        puts_(t, "   <dc:creator><rdf:Seq><rdf:li>");
        put_info(t, ps->author);
        puts_(t, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (ps->subject) {
        puts_(t, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_info(t, ps->subject);
        puts_(t, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    puts_(t, "   <dc:language><rdf:Bag><rdf:li>");
    put_xml(t, lang);
    puts_(t, "</rdf:li></rdf:Bag></dc:language>\n   <xmp:CreateDate>");
    puts_(t, date);
    puts_(t, "</xmp:CreateDate>\n   <xmp:ModifyDate>");
    puts_(t, date);
    puts_(t, "</xmp:ModifyDate>\n   <xmp:MetadataDate>");
    puts_(t, date);
    puts_(t, "</xmp:MetadataDate>\n   <xmp:CreatorTool>briefgen " BRIEFGEN_VERSION
             "</xmp:CreatorTool>\n   <pdf:Producer>briefgen " BRIEFGEN_VERSION
             " with libharu</pdf:Producer>\n");
    if (ps->keywords && *ps->keywords) {
        puts_(t, "   <pdf:Keywords>");
        put_info(t, ps->keywords);
        puts_(t, "</pdf:Keywords>\n");
    }
    if (ps->pdf_a) { /* level A needs the structure tree; B does not */
        puts_(t, "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>");
        puts_(t, ps->tagged ? "A" : "B");
        puts_(t, "</pdfaid:conformance>\n");
    }
    if (ps->tagged) puts_(t, "   <pdfuaid:part>1</pdfuaid:part>\n");
    puts_(t, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
    /* padding, so that the packet can be edited in place (XMP part 1, 7.3.4) */
    for (int i = 0; i < 20; i++)
        puts_(t,
              "                                                                                \n");
    puts_(t, "<?xpacket end=\"w\"?>");
}

/* A stream object of BYTES, uncompressed (PDF/A wants metadata readable
 * without filters), of TYPE and SUBTYPE (NULL for none). */
static HPDF_Dict raw_stream(HPDF_Doc pdf, const void *bytes, size_t len, const char *type,
                            const char *subtype)
{
    HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!d) return NULL;
    d->filter = HPDF_STREAM_FILTER_NONE;
    if (type) HPDF_Dict_AddName(d, "Type", type);
    if (subtype) HPDF_Dict_AddName(d, "Subtype", subtype);
    if (HPDF_Stream_Write(d->stream, bytes, (HPDF_UINT)len) != HPDF_OK) return NULL;
    return d;
}

/* 16 bytes that depend on everything drawn: two FNV-1a hashes of 64 bits
 * with different bases over the runs' text and positions, page sizes and
 * the document information (the same inputs give the same bytes). */
static void content_id(const bg_pages *ps, unsigned char out[16])
{
    uint64_t h[2] = {1469598103934665603ull, 0x9E3779B97F4A7C15ull};
#define MIX(p, n)                                                                                  \
    for (size_t k_ = 0; k_ < (n); k_++)                                                            \
        for (int j_ = 0; j_ < 2; j_++)                                                             \
    h[j_] = (h[j_] ^ ((const unsigned char *)(p))[k_]) * 1099511628211ull
    const char *strs[] = {ps->title, ps->author, ps->subject, ps->keywords, ps->lang};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (strs[i]) MIX(strs[i], strlen(strs[i]) + 1);
    MIX(&ps->width, sizeof ps->width);
    MIX(&ps->height, sizeof ps->height);
    MIX(&ps->count, sizeof ps->count);
    MIX(&ps->epoch, sizeof ps->epoch);
    MIX(&ps->date, sizeof ps->date);
    for (size_t i = 0; i < ps->count; i++) {
        const bg_page *p = &ps->pages[i];
        if (p->runs) MIX(p->runs, p->runs_len);
        MIX(&p->run_count, sizeof p->run_count);
    }
#undef MIX
    for (int j = 0; j < 2; j++)
        for (int b = 0; b < 8; b++)
            out[j * 8 + b] = (unsigned char)(h[j] >> (56 - 8 * b));
}

static int output_intent(HPDF_Doc pdf, const char *name, bg_diags *diags)
{
    FILE *f = fopen(BG_SRGB_PROFILE, "rb");
    unsigned char *icc = NULL;
    long len = -1;
    if (f && fseek(f, 0, SEEK_END) == 0) len = ftell(f);
    if (f && len > 0 && len < (1 << 24) && fseek(f, 0, SEEK_SET) == 0) {
        icc = malloc((size_t)len);
        if (icc && fread(icc, 1, (size_t)len, f) != (size_t)len) {
            free(icc);
            icc = NULL;
        }
    }
    if (f) fclose(f);
    if (!icc) {
        bg_diag_add(diags, BG_ERROR, name, 0, 0,
                    "PDF/A needs the sRGB profile %s (Debian package icc-profiles-free)",
                    BG_SRGB_PROFILE);
        return -1;
    }
    HPDF_Dict profile = raw_stream(pdf, icc, (size_t)len, NULL, NULL);
    free(icc);
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    if (!profile || !intent || !intents) return -1;
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                  HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array_Add(intents, intent);
    return HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) == HPDF_OK ? 0 : -1;
}

int bg_pdf_meta(HPDF_Doc pdf, const bg_pages *ps, const char *name, bg_diags *diags)
{
    HPDF_Dict catalog = pdf->catalog;
    if (ps->lang) HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(pdf->mmgr, ps->lang, NULL));
    HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
    if (prefs) {
        HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }
    text xmp = {NULL, 0, 0, false};
    xmp_packet(&xmp, ps);
    HPDF_Dict meta = xmp.oom ? NULL : raw_stream(pdf, xmp.s, xmp.len, "Metadata", "XML");
    free(xmp.s);
    if (!meta || HPDF_Dict_Add(catalog, "Metadata", meta) != HPDF_OK) return -1;
    unsigned char id[16];
    content_id(ps, id);
    HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
    if (!ids) return -1;
    HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
    HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
    if (HPDF_Dict_Add(pdf->trailer, "ID", ids) != HPDF_OK) return -1;
    return ps->pdf_a ? output_intent(pdf, name, diags) : 0;
}
