/* annot.c - link annotations (ISO 32000-1, 12.5.6.5) with what libharu's
 * HPDF_Page_CreateLinkAnnot and HPDF_Page_CreateURILinkAnnot give them,
 * bordered with none (HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0)) and
 * printed (/F 4, PDF/A: ISO 19005-2, 6.3.2), with the /StructParent and
 * /Contents of tagging (tags.c), but no /P (optional, table 164: the page
 * that lists the annotation is known). An annotation is an empty libharu
 * dictionary (indirect: the page's /Annots and the structure tree refer
 * to it) whose write callback writes its entries from a compact record
 * it owns: libharu's own dictionaries cost some 150 bytes an entry,
 * 2.7 KB a link. */
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "pdf/annot.h"

typedef struct link {
    HPDF_REAL rect[4];     /* left, bottom, right, top */
    HPDF_Destination dest; /* /Dest: indirect, the document's; or NULL, */
    void *uri;             /* /A's /URI: a string the link owns */
    int key;               /* /StructParent, or -1 */
    void *contents;        /* /Contents: a string the link owns, or NULL */
} link;

/* KEY, a space and "N 0 R" for indirect object OBJ. */
static HPDF_STATUS write_ref(HPDF_Stream s, const char *key, const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    char buf[64];
    snprintf(buf, sizeof buf, "%s %u %u R", key, (unsigned)(h->obj_id & 0x00FFFFFF),
             (unsigned)h->gen_no);
    return HPDF_Stream_WriteStr(s, buf);
}

/* The entries are written compact (objstm.c packs them as written) and
 * in the order that deflates best among links: the one entry of
 * tagging whose value changes from link to link, the place, what stays
 * the same, then the description next to what it describes (an address
 * written twice in a row costs a few bytes the second time). */
static HPDF_STATUS write_link(HPDF_Dict d, HPDF_Stream s)
{
    const link *l = d->attr;
    char buf[4 * 24 + 96], *p = buf;
    if (l->key >= 0) p += sprintf(p, "/StructParent %d", l->key);
    p += sprintf(p, "/Rect[");
    for (int i = 0; i < 4; i++) {
        /* in hundredths of a point, outward: the rectangle still covers
         * the words */
        double v = (double)l->rect[i] * 100;
        if (!(v > -1e15 && v < 1e15)) v = 0; /* (not a coordinate: no overflow) */
        long long c = (long long)(i < 2 ? floor(v) : ceil(v));
        long long whole = (c < 0 ? -c : c) / 100, part = (c < 0 ? -c : c) % 100;
        p += sprintf(p, i ? " %s%lld" : "%s%lld", c < 0 ? "-" : "", whole);
        if (part) p += sprintf(p, part % 10 ? ".%02lld" : ".%lld", part % 10 ? part : part / 10);
    }
    sprintf(p, "]/Border[0 0 0]/F 4/Type/Annot/Subtype/Link%s", l->contents ? "/Contents" : "");
    HPDF_STATUS ret = HPDF_Stream_WriteStr(s, buf);
    if (ret == HPDF_OK && l->contents) ret = HPDF_Obj_Write(l->contents, s, NULL);
    if (ret == HPDF_OK && l->dest) ret = write_ref(s, "/Dest", l->dest);
    if (ret == HPDF_OK && !l->dest) {
        ret = HPDF_Stream_WriteStr(s, "/A<</Type/Action/S/URI/URI");
        if (ret == HPDF_OK) ret = HPDF_Obj_Write(l->uri, s, NULL);
        if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, ">>");
    }
    return ret;
}

/* The dictionary frees its record (HPDF_Dict_Free calls this first). */
static void free_link(HPDF_Dict d)
{
    link *l = d->attr;
    if (!l) return;
    if (l->uri) HPDF_Obj_Free(d->mmgr, l->uri);
    if (l->contents) HPDF_Obj_Free(d->mmgr, l->contents);
    free(l);
    d->attr = NULL;
}

/* The page's /Annots, made when it has none. */
static HPDF_Array annots(HPDF_Page page)
{
    HPDF_Array a = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (a) return a;
    a = HPDF_Array_New(page->mmgr);
    return a && HPDF_Dict_Add(page, "Annots", a) == HPDF_OK ? a : NULL;
}

HPDF_Annotation bg_annot_link(HPDF_Doc pdf, HPDF_Page page, HPDF_Rect rect, HPDF_Destination dest,
                              const char *uri)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    link *l = d ? calloc(1, sizeof *l) : NULL;
    if (!l) {
        if (d) HPDF_Dict_Free(d);
        return NULL;
    }
    d->attr = l;
    d->free_fn = free_link;
    d->write_fn = write_link;
    d->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
    l->key = -1;
    l->dest = dest;
    /* (the top above the bottom, as HPDF_Annotation_New puts them) */
    bool flip = rect.top < rect.bottom;
    l->rect[0] = rect.left;
    l->rect[1] = flip ? rect.top : rect.bottom;
    l->rect[2] = rect.right;
    l->rect[3] = flip ? rect.bottom : rect.top;
    if (!dest) l->uri = *uri ? HPDF_String_New(pdf->mmgr, uri, NULL) : NULL;
    if (!dest && !l->uri) {
        /* empty or too long: libharu's own raises its error */
        HPDF_Dict_Free(d);
        return HPDF_Page_CreateURILinkAnnot(page, rect, uri);
    }
    /* (HPDF_Xref_Add frees D, and with it L, when it fails) */
    if (HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) return NULL;
    HPDF_Array list = annots(page);
    if (!list || HPDF_Array_Add(list, d) != HPDF_OK) return NULL; /* (D is the document's) */
    return d;
}

void bg_annot_describe(HPDF_Annotation annot, int key, void *contents)
{
    if (annot->write_fn != write_link) { /* (not one of these) */
        HPDF_Dict_AddNumber(annot, "StructParent", key);
        if (contents) HPDF_Dict_Add(annot, "Contents", contents);
        return;
    }
    link *l = annot->attr;
    l->key = key;
    if (l->contents) HPDF_Obj_Free(annot->mmgr, l->contents);
    l->contents = contents;
}
