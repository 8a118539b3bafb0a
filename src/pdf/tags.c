/* tags.c - the structure tree of a tagged PDF (ISO 32000-1, 14.7 logical
 * structure, 14.8 tagged PDF; PDF/UA-1, ISO 14289-1, 7): an element
 * dictionary for each structure element layout recorded (layout.h) that
 * holds content, its marked-content references, MCIDs in the order drawn
 * on each page; a Link element with an object reference for each link
 * annotation; the parent tree (a number tree, 7.9.7) from each page's
 * StructParents and each annotation's StructParent back to elements.
 * Element dictionaries are made when their first content is drawn, so an
 * element that ended up empty is not written. libharu's arrays hold 32,767
 * items at most (HPDF_LIMIT_MAX_ARRAY): the parent tree's leaves hold 4,096
 * entries each, and an element with more kids than an array holds puts
 * the rest in a Div, its last kid (a grouping element that means nothing,
 * 14.8.4.2), and so on. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "pdf/tags.h"

struct bg_tags {
    HPDF_Doc pdf;
    const bg_pages *ps;
    HPDF_Dict *dicts;      /* per element, once it has content */
    HPDF_Array *kids;      /* its /K */
    HPDF_Dict *into;       /* where its kids go now: itself, or its last Div */
    HPDF_Array *into_kids; /* (that one's /K) */
    int *first_page;       /* the page its integer MCIDs are on (its /Pg) */
    HPDF_Array leaves;     /* the parent tree's leaves, */
    HPDF_Array nums;       /* the last one's /Nums (pages first, in order) */
    HPDF_Array limits;     /* and /Limits */
    size_t num_count;      /* (its entries) */
    int first_key, last_key;
    int next_key;      /* the parent tree's next key (a page's, an annotation's) */
    HPDF_Page page;    /* the page being drawn, */
    size_t index;      /* its index, */
    HPDF_Array marked; /* the elements of its MCIDs */
    int mcid;          /* and the next MCID */
    bool oom;
};

enum { LEAF_MOST = 4096, KIDS_MOST = 32000 };

static const char *const type_names[] = {
    "Document", "H1",     "H2",         "H3",    "P",       "L",   "LI", "Lbl",
    "LBody",    "Table",  "THead",      "TBody", "TR",      "TH",  "TD", "TOC",
    "TOCI",     "Figure", "BlockQuote", "Code",  "Caption", "Link"};

/* TEXT as a PDF text string: a literal one when it is printable ASCII,
 * else UTF-16BE after a byte-order mark (ISO 32000-1, 7.9.2.2); NULL
 * without memory. */
static void *text_string(HPDF_Doc pdf, const char *utf8)
{
    size_t ascii = 0;
    while (utf8[ascii] >= 0x20 && utf8[ascii] < 0x7F)
        ascii++;
    if (!utf8[ascii] && ascii < 65535) return HPDF_String_New(pdf->mmgr, utf8, NULL);
    size_t units = 1;
    for (const char *p = utf8; *p;) {
        uint32_t cp;
        p += bg_utf8_decode(p, &cp);
        units += cp > 0xFFFF ? 2 : 1;
    }
    if (units * 2 > 65535) units = 65535 / 2; /* (libharu's longest string) */
    HPDF_BYTE *b = malloc(units * 2), *o = b;
    if (!b) return NULL;
    *o++ = 0xFE;
    *o++ = 0xFF;
    for (const char *p = utf8; *p;) {
        uint32_t cp;
        p += bg_utf8_decode(p, &cp);
        int n = cp > 0xFFFF ? 2 : 1;
        if ((size_t)(o - b) + 2 * (size_t)n > units * 2) break;
        uint32_t unit[2] = {cp, 0};
        if (n == 2) {
            unit[0] = 0xD800 + ((cp - 0x10000) >> 10);
            unit[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
        }
        for (int k = 0; k < n; k++) {
            *o++ = (HPDF_BYTE)(unit[k] >> 8);
            *o++ = (HPDF_BYTE)unit[k];
        }
    }
    HPDF_Binary text = HPDF_Binary_New(pdf->mmgr, b, (HPDF_UINT)(o - b));
    free(b);
    return text;
}

/* A new indirect element dictionary of structure type NAME. */
static HPDF_Dict new_elem(bg_tags *t, const char *name, HPDF_Array *kids)
{
    HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
    HPDF_Array k = d ? HPDF_Array_New(t->pdf->mmgr) : NULL;
    if (!k || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK) {
        t->oom = true;
        return NULL;
    }
    HPDF_Dict_AddName(d, "S", name); /* (/Type /StructElem is optional: left out) */
    HPDF_Dict_Add(d, "K", k);
    *kids = k;
    return d;
}

static HPDF_Array kid_array(bg_tags *t, int i, HPDF_Dict *owner);

/* Element I's dictionary, made if it has none yet. */
static HPDF_Dict elem_dict(bg_tags *t, int i)
{
    if (t->dicts[i]) return t->dicts[i];
    const bg_struct_elem *e = &t->ps->elems[i];
    HPDF_Dict d = new_elem(t, type_names[e->type], &t->kids[i]);
    if (!d) return NULL;
    if (e->type == BG_S_FIGURE && e->alt) {
        void *alt = text_string(t->pdf, e->alt);
        if (alt) HPDF_Dict_Add(d, "Alt", alt);
    }
    if (e->type == BG_S_TH) {
        /* a column's header (PDF/UA-1, 7.5) */
        HPDF_Dict a = HPDF_Dict_New(t->pdf->mmgr);
        if (a) {
            HPDF_Dict_AddName(a, "O", "Table");
            HPDF_Dict_AddName(a, "Scope", "Column");
            HPDF_Dict_Add(d, "A", a);
        }
    }
    t->dicts[i] = t->into[i] = d;
    t->into_kids[i] = t->kids[i];
    /* a Link stands among its parent's content where its words are, so
     * it goes into the parent's kids now, in reading order (the others
     * follow their parent's own content: bg_tags_finish) */
    int parent = e->parent;
    if (e->type == BG_S_LINK && parent >= 0 && parent < i) {
        HPDF_Dict owner;
        HPDF_Array kids = elem_dict(t, parent) ? kid_array(t, parent, &owner) : NULL;
        if (!kids) return NULL;
        HPDF_Dict_Add(d, "P", owner);
        HPDF_Array_Add(kids, d);
    }
    return d;
}

/* The array element I's next kid goes into, and in *OWNER the element
 * that holds it: I, or a Div inside it once I's kids fill an array. */
static HPDF_Array kid_array(bg_tags *t, int i, HPDF_Dict *owner)
{
    if (HPDF_Array_Items(t->into_kids[i]) >= KIDS_MOST) {
        HPDF_Array kids;
        HPDF_Dict div = new_elem(t, "Div", &kids);
        if (!div) return NULL;
        HPDF_Dict_Add(div, "P", t->into[i]);
        HPDF_Array_Add(t->into_kids[i], div);
        t->into[i] = div;
        t->into_kids[i] = kids;
    }
    *owner = t->into[i];
    return t->into_kids[i];
}

/* The parent tree's last leaf is complete: its /Limits. */
static void leaf_end(bg_tags *t)
{
    if (!t->nums) return;
    HPDF_Array_AddNumber(t->limits, t->first_key);
    HPDF_Array_AddNumber(t->limits, t->last_key);
    t->nums = NULL;
}

/* KEY maps to VALUE in the parent tree (keys come in ascending order). */
static void parent_key(bg_tags *t, int key, void *value)
{
    if (t->nums && t->num_count >= LEAF_MOST) leaf_end(t);
    if (!t->nums) {
        HPDF_Dict leaf = HPDF_Dict_New(t->pdf->mmgr);
        t->nums = leaf ? HPDF_Array_New(t->pdf->mmgr) : NULL;
        t->limits = t->nums ? HPDF_Array_New(t->pdf->mmgr) : NULL;
        if (!t->limits || HPDF_Xref_Add(t->pdf->xref, leaf) != HPDF_OK) {
            t->oom = true;
            t->nums = NULL;
            return;
        }
        HPDF_Dict_Add(leaf, "Limits", t->limits);
        HPDF_Dict_Add(leaf, "Nums", t->nums);
        HPDF_Array_Add(t->leaves, leaf);
        t->num_count = 0;
        t->first_key = key;
    }
    HPDF_Array_AddNumber(t->nums, key);
    HPDF_Array_Add(t->nums, value);
    t->num_count++;
    t->last_key = key;
}

bg_tags *bg_tags_new(HPDF_Doc pdf, const bg_pages *ps)
{
    bg_tags *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->pdf = pdf;
    t->ps = ps;
    size_t n = ps->elem_count + 1;
    t->dicts = calloc(n, sizeof *t->dicts);
    t->kids = calloc(n, sizeof *t->kids);
    t->into = calloc(n, sizeof *t->into);
    t->into_kids = calloc(n, sizeof *t->into_kids);
    t->first_page = malloc(n * sizeof *t->first_page);
    t->leaves = HPDF_Array_New(pdf->mmgr);
    if (!t->dicts || !t->kids || !t->into || !t->into_kids || !t->first_page || !t->leaves) {
        bg_tags_free(t);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        t->first_page[i] = -1;
    return t;
}

void bg_tags_free(bg_tags *t)
{
    if (!t) return;
    free(t->dicts);
    free(t->kids);
    free(t->into);
    free(t->into_kids);
    free(t->first_page);
    free(t);
}

/* The page drawn before ends: its MCIDs' elements go into the parent
 * tree under its StructParents. */
static void page_end(bg_tags *t)
{
    if (!t->page || !t->marked) return;
    if (t->mcid > 0) {
        HPDF_Dict_AddNumber(t->page, "StructParents", t->next_key);
        parent_key(t, t->next_key++, t->marked);
    } else {
        HPDF_Array_Free(t->marked); /* a page of artifacts only: nothing holds it */
    }
    t->marked = NULL;
}

void bg_tags_abandon(bg_tags *t)
{
    if (!t) return;
    if (t->marked) HPDF_Array_Free(t->marked); /* the page being drawn when the PDF failed */
    t->marked = NULL;
    if (t->leaves) HPDF_Array_Free(t->leaves); /* the parent tree, not yet in the document */
    t->leaves = NULL;
}

void bg_tags_page(bg_tags *t, HPDF_Page page, size_t index)
{
    page_end(t);
    t->page = page;
    t->index = index;
    t->mcid = 0;
    t->marked = HPDF_Array_New(t->pdf->mmgr);
    if (!t->marked) t->oom = true;
}

int bg_tags_begin(bg_tags *t, int elem, const char *lang, char *out, size_t size)
{
    if (elem == BG_PAGINATION) {
        snprintf(out, size, "/Artifact <</Type /Pagination>> BDC\n");
        return 0;
    }
    if (elem < 0 || (size_t)elem >= t->ps->elem_count) {
        snprintf(out, size, "/Artifact BMC\n");
        return 0;
    }
    HPDF_Dict d = elem_dict(t, elem);
    if (!d || !t->marked) return -1;
    int mcid = t->mcid++;
    HPDF_Dict owner;
    HPDF_Array kids = kid_array(t, elem, &owner);
    if (!kids) return -1;
    /* MCIDs on the element's first page as numbers (its /Pg), on any
     * other page as marked-content references */
    if (t->first_page[elem] < 0) {
        t->first_page[elem] = (int)t->index;
        HPDF_Dict_Add(d, "Pg", t->page);
    }
    if (t->first_page[elem] == (int)t->index && owner == d) {
        HPDF_Array_AddNumber(kids, mcid);
    } else {
        HPDF_Dict mcr = HPDF_Dict_New(t->pdf->mmgr);
        if (!mcr) return -1;
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", t->page);
        HPDF_Dict_AddNumber(mcr, "MCID", mcid);
        HPDF_Array_Add(kids, mcr);
    }
    HPDF_Array_Add(t->marked, owner);
    snprintf(out, size, "/%s <</MCID %d%s%s%s>> BDC\n",
             owner == d ? type_names[t->ps->elems[elem].type] : "Div", mcid, lang ? " /Lang (" : "",
             lang ? lang : "", lang ? ")" : "");
    return t->oom ? -1 : 0;
}

void bg_tags_link(bg_tags *t, HPDF_Annotation annot, int elem, const char *contents)
{
    if (elem < 0 || (size_t)elem >= t->ps->elem_count) elem = 0;
    HPDF_Dict link, objr = NULL;
    HPDF_Array kids = NULL;
    if (t->ps->elems[elem].type == BG_S_LINK) {
        /* the Link element that holds the link's words */
        link = elem_dict(t, elem);
        kids = link ? kid_array(t, elem, &link) : NULL;
    } else {
        /* words with no Link element of their own: one for the annotation */
        HPDF_Dict parent = elem_dict(t, elem);
        HPDF_Array into = parent ? kid_array(t, elem, &parent) : NULL;
        link = into ? new_elem(t, "Link", &kids) : NULL;
        if (link) {
            HPDF_Dict_Add(link, "P", parent);
            HPDF_Dict_Add(link, "Pg", t->page);
            HPDF_Array_Add(into, link);
        }
    }
    objr = kids ? HPDF_Dict_New(t->pdf->mmgr) : NULL;
    if (!objr) {
        t->oom = true;
        return;
    }
    HPDF_Dict_AddName(objr, "Type", "OBJR");
    HPDF_Dict_Add(objr, "Pg", t->page);
    HPDF_Dict_Add(objr, "Obj", annot);
    HPDF_Array_Add(kids, objr);
    HPDF_Dict_AddNumber(annot, "StructParent", t->next_key);
    parent_key(t, t->next_key++, link);
    void *text = text_string(t->pdf, contents);
    if (text) HPDF_Dict_Add(annot, "Contents", text);
    HPDF_Dict_AddName(t->page, "Tabs", "S"); /* (PDF/UA-1, 7.18.3) */
}

int bg_tags_finish(bg_tags *t)
{
    page_end(t);
    const bg_pages *ps = t->ps;
    HPDF_MMgr mm = t->pdf->mmgr;
    HPDF_Dict root = HPDF_Dict_New(mm), tree = HPDF_Dict_New(mm), mark = HPDF_Dict_New(mm);
    if (t->oom || !root || !tree || !mark || HPDF_Xref_Add(t->pdf->xref, root) != HPDF_OK ||
        HPDF_Xref_Add(t->pdf->xref, tree) != HPDF_OK)
        return -1;
    /* an element with content has its parents (each after its parent,
     * layout.h: from the last back); then each goes into its parent's
     * kids after the parent's own content, in reading order */
    if (ps->elem_count && !elem_dict(t, 0)) return -1;
    if (ps->elem_count > INT32_MAX || t->next_key == INT32_MAX) return -1;
    for (size_t i = ps->elem_count; i-- > 1;) {
        int parent = ps->elems[i].parent;
        if (t->dicts[i] && parent >= 0 && (size_t)parent < i && !elem_dict(t, parent)) return -1;
    }
    for (size_t i = 1; i < ps->elem_count; i++) {
        int parent = ps->elems[i].parent;
        if (!t->dicts[i] || parent < 0 || (size_t)parent >= i || ps->elems[i].type == BG_S_LINK)
            continue; /* (a Link is in its parent already) */
        HPDF_Dict owner;
        HPDF_Array kids = kid_array(t, parent, &owner);
        if (!kids) return -1;
        HPDF_Dict_Add(t->dicts[i], "P", owner);
        HPDF_Array_Add(kids, t->dicts[i]);
    }
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (ps->elem_count) {
        HPDF_Dict_Add(t->dicts[0], "P", root);
        HPDF_Dict_Add(root, "K", t->dicts[0]);
    }
    /* the parent tree: its leaves under one root (ISO 32000-1, 7.9.7) */
    leaf_end(t);
    if (HPDF_Array_Items(t->leaves) >= HPDF_LIMIT_MAX_ARRAY) return -1; /* (134 million keys) */
    if (HPDF_Array_Items(t->leaves)) {
        HPDF_Dict_Add(tree, "Kids", t->leaves);
    } else { /* no marked content at all: an empty tree */
        HPDF_Array_Free(t->leaves);
        HPDF_Dict_Add(tree, "Nums", HPDF_Array_New(mm));
    }
    t->leaves = NULL; /* the document owns it now */
    HPDF_Dict_Add(root, "ParentTree", tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", t->next_key);
    HPDF_Dict_Add(t->pdf->catalog, "StructTreeRoot", root);
    HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
    HPDF_Dict_Add(t->pdf->catalog, "MarkInfo", mark);
    return t->oom ? -1 : 0;
}
