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
 * 14.8.4.2), and so on.
 * An element is an empty libharu dictionary (an indirect object, so that
 * others refer to it) whose write callback writes its entries from a
 * compact record (node) the dictionary owns: libharu's own dictionaries,
 * arrays and names cost some 150 bytes an entry, 1.5 KB an element, most
 * of the peak memory of a long document. They are written compact, as
 * objstm.c packs every object: no white space but between tokens that
 * would run together. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "pdf/annot.h"
#include "pdf/tags.h"

/* A kid of an element: an MCID on the element's page, a marked-content
 * reference (an MCID on another page), another element, or an object
 * reference to an annotation. */
typedef enum kid_kind { KID_MCID, KID_MCR, KID_ELEM, KID_OBJR } kid_kind;

typedef struct kid {
    kid_kind kind;
    int mcid;  /* KID_MCID, KID_MCR */
    void *obj; /* the page (KID_MCR), the element's dictionary, the annotation */
} kid;

/* The entries of an element dictionary, written in the order set: /S, /K,
 * then the optional ones in ORDER (libharu's dictionaries keep the order
 * entries were added in). */
typedef struct node {
    const char *type; /* /S */
    kid *kids;        /* /K */
    size_t kid_count, kid_cap;
    HPDF_Page page;   /* /Pg, or NULL */
    HPDF_Dict parent; /* /P, or NULL */
    void *alt;        /* /Alt: a libharu string the node owns, or NULL */
    bool column;      /* /A <</O /Table /Scope /Column>> */
    char order[4];    /* 'g' /Pg, 'p' /P, 'a' /Alt, 'c' /A: as set */
} node;

struct bg_tags {
    HPDF_Doc pdf;
    const bg_pages *ps;
    HPDF_Dict *dicts;  /* per element, once it has content */
    HPDF_Dict *into;   /* where its kids go now: itself, or its last Div */
    int *first_page;   /* the page its integer MCIDs are on (its /Pg) */
    HPDF_Array leaves; /* the parent tree's leaves, */
    HPDF_Dict leaf;    /* the last one, while it takes keys */
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

static node *node_of(HPDF_Dict d)
{
    return d->attr;
}

/* Sets the optional entry KEY (a letter of node.order) of N; a second
 * time keeps its place, as HPDF_Dict_Add replaces a value in place. */
static void node_key(node *n, char key)
{
    size_t i = 0;
    while (i < sizeof n->order && n->order[i] && n->order[i] != key)
        i++;
    if (i < sizeof n->order) n->order[i] = key;
}

/* Appends a kid to the element of D; false without memory. */
static bool add_kid(HPDF_Dict d, kid_kind kind, int mcid, void *obj)
{
    node *n = node_of(d);
    kid *grown = bg_grow(n->kids, n->kid_count, &n->kid_cap, sizeof *n->kids, 4);
    if (!grown) return false;
    n->kids = grown;
    n->kids[n->kid_count++] = (kid){kind, mcid, obj};
    return true;
}

/* STR at P, and its end (a NUL: the buffer is large enough). */
static char *put_str(char *p, const char *str)
{
    while (*str)
        *p++ = *str++;
    *p = '\0';
    return p;
}

/* The decimal digits of V at P, and their end (a NUL). */
static char *put_uint(char *p, unsigned v)
{
    char digits[16];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = digits[--n];
    *p = '\0';
    return p;
}

/* "N 0 R" for indirect object OBJ, after KEY and a space (KEY NULL: alone). */
static HPDF_STATUS write_ref(HPDF_Stream s, const char *key, const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    char buf[64], *p = buf;
    if (key) p = put_str(put_str(p, key), " "); /* (a key of this file: a few letters) */
    p = put_str(put_uint(p, (unsigned)(h->obj_id & 0x00FFFFFF)), " ");
    put_str(put_uint(p, h->gen_no), " R");
    return HPDF_Stream_WriteStr(s, buf);
}

/* Writes the entries of an element dictionary from its node with no
 * white space but between tokens that would run together (ISO 32000-1,
 * 7.2.2), /K a single kid itself and an array only for more (14.7.2,
 * table 323); objstm.c packs them as written. */
static HPDF_STATUS write_node(HPDF_Dict d, HPDF_Stream s)
{
    const node *n = node_of(d);
    char buf[48];
    HPDF_STATUS ret = HPDF_Stream_WriteStr(s, "/S/");
    if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, n->type);
    if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, n->kid_count == 1 ? "/K" : "/K[");
    for (size_t i = 0; i < n->kid_count && ret == HPDF_OK; i++) {
        const kid *k = &n->kids[i];
        /* (a number or a reference after another, or after /K, takes a space) */
        bool spaced = k->kind == KID_MCID || k->kind == KID_ELEM;
        if (spaced && (i > 0 || n->kid_count == 1)) ret = HPDF_Stream_WriteChar(s, ' ');
        if (ret != HPDF_OK) break;
        if (k->kind == KID_MCID) {
            put_uint(buf, (unsigned)k->mcid);
            ret = HPDF_Stream_WriteStr(s, buf);
        } else if (k->kind == KID_ELEM) {
            ret = write_ref(s, NULL, k->obj);
        } else if (k->kind == KID_MCR) {
            ret = write_ref(s, "<</Type/MCR/Pg", k->obj);
            put_str(put_uint(put_str(buf, "/MCID "), (unsigned)k->mcid), ">>");
            if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, buf);
        } else {
            ret = write_ref(s, "<</Type/OBJR/Obj", k->obj);
            if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, ">>");
        }
    }
    if (ret == HPDF_OK && n->kid_count != 1) ret = HPDF_Stream_WriteChar(s, ']');
    for (size_t i = 0; i < sizeof n->order && n->order[i] && ret == HPDF_OK; i++) {
        switch (n->order[i]) {
        case 'g':
            ret = write_ref(s, "/Pg", n->page);
            break;
        case 'p':
            ret = write_ref(s, "/P", n->parent);
            break;
        case 'a':
            ret = HPDF_Stream_WriteStr(s, "/Alt");
            if (ret == HPDF_OK) ret = HPDF_Obj_Write(n->alt, s, NULL);
            break;
        default:
            ret = HPDF_Stream_WriteStr(s, "/A<</O/Table/Scope/Column>>");
            break;
        }
    }
    return ret;
}

/* The dictionary frees its node (HPDF_Dict_Free calls this first). */
static void free_node(HPDF_Dict d)
{
    node *n = node_of(d);
    if (!n) return;
    if (n->alt) HPDF_Obj_Free(d->mmgr, n->alt);
    free(n->kids);
    free(n);
    d->attr = NULL;
}

/* A new indirect dictionary that writes its entries from a record of
 * SIZE bytes it owns (zeroed; in its attr), freed by FREE_FN and written
 * by WRITE_FN; NULL (T->oom set) without memory. */
static HPDF_Dict record_dict(bg_tags *t, size_t size, HPDF_Dict_FreeFunc free_fn,
                             HPDF_Dict_OnWriteFunc write_fn)
{
    HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
    void *record = d ? calloc(1, size) : NULL;
    if (d) {
        d->attr = record;
        d->free_fn = free_fn;
        d->write_fn = write_fn;
    }
    /* (HPDF_Xref_Add frees D, and with it the record, when it fails) */
    if (!record || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK) {
        if (d && !record) HPDF_Dict_Free(d);
        t->oom = true;
        return NULL;
    }
    return d;
}

/* A new indirect element dictionary of structure type NAME (static). */
static HPDF_Dict new_elem(bg_tags *t, const char *name)
{
    HPDF_Dict d = record_dict(t, sizeof(node), free_node, write_node);
    if (!d) return NULL;
    node_of(d)->type = name; /* (/Type /StructElem is optional: left out) */
    return d;
}

static HPDF_Dict kid_owner(bg_tags *t, int i);

/* Element I's dictionary, made if it has none yet. */
static HPDF_Dict elem_dict(bg_tags *t, int i)
{
    if (t->dicts[i]) return t->dicts[i];
    const bg_struct_elem *e = &t->ps->elems[i];
    HPDF_Dict d = new_elem(t, type_names[e->type]);
    if (!d) return NULL;
    node *n = node_of(d);
    if (e->type == BG_S_FIGURE && e->alt) {
        n->alt = text_string(t->pdf, e->alt);
        if (n->alt) node_key(n, 'a');
    }
    if (e->type == BG_S_TH) {
        /* a column's header (PDF/UA-1, 7.5) */
        n->column = true;
        node_key(n, 'c');
    }
    t->dicts[i] = t->into[i] = d;
    /* a Link stands among its parent's content where its words are, so
     * it goes into the parent's kids now, in reading order (the others
     * follow their parent's own content: bg_tags_finish) */
    int parent = e->parent;
    if (e->type == BG_S_LINK && parent >= 0 && parent < i) {
        HPDF_Dict owner = elem_dict(t, parent) ? kid_owner(t, parent) : NULL;
        if (!owner || !add_kid(owner, KID_ELEM, 0, d)) {
            t->oom = true;
            return NULL;
        }
        n->parent = owner;
        node_key(n, 'p');
    }
    return d;
}

/* The element dictionary element I's next kid goes into: I, or a Div
 * inside it once I's kids fill what an array held in libharu
 * (KIDS_MOST; kept so that the tree stays as it was). */
static HPDF_Dict kid_owner(bg_tags *t, int i)
{
    if (node_of(t->into[i])->kid_count >= KIDS_MOST) {
        HPDF_Dict div = new_elem(t, "Div");
        if (!div || !add_kid(t->into[i], KID_ELEM, 0, div)) return NULL;
        node_of(div)->parent = t->into[i];
        node_key(node_of(div), 'p');
        t->into[i] = div;
    }
    return t->into[i];
}

/* A leaf of the parent tree: an empty libharu dictionary whose write
 * callback writes /Limits and /Nums from this record, as libharu writes
 * arrays (its own arrays grow by 20 items, copying all at each step: a
 * leaf's /Nums of thousands of keys took more time than all the rest of
 * the tree). Its values are the element dictionaries of annotations and
 * the arrays of the elements of each page's MCIDs, which the leaf owns. */
typedef struct leaf {
    int *keys;
    void **values;
    bool *owned; /* the value is an array the leaf owns (an element is
                  * the document's: it may be freed before the leaf, so
                  * its header is not read when the leaf is freed) */
    size_t count, cap;
} leaf;

static HPDF_STATUS write_leaf(HPDF_Dict d, HPDF_Stream s)
{
    const leaf *l = d->attr;
    char buf[40];
    if (!l->count) return HPDF_OK;
    char *p = put_str(put_uint(put_str(buf, "/Limits["), (unsigned)l->keys[0]), " ");
    put_str(put_uint(p, (unsigned)l->keys[l->count - 1]), "]/Nums[");
    HPDF_STATUS ret = HPDF_Stream_WriteStr(s, buf);
    for (size_t i = 0; i < l->count && ret == HPDF_OK; i++) {
        put_str(put_uint(buf, (unsigned)l->keys[i]), " ");
        ret = HPDF_Stream_WriteStr(s, buf);
        const HPDF_Obj_Header *h = l->values[i];
        if (ret != HPDF_OK) break;
        if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_ARRAY)
            ret = HPDF_Obj_Write(l->values[i], s, NULL);
        else
            ret = write_ref(s, NULL, l->values[i]);
        if (ret == HPDF_OK) ret = HPDF_Stream_WriteChar(s, ' ');
    }
    if (ret == HPDF_OK) ret = HPDF_Stream_WriteStr(s, "]");
    return ret;
}

static void free_leaf(HPDF_Dict d)
{
    leaf *l = d->attr;
    if (!l) return;
    for (size_t i = 0; i < l->count; i++)
        if (l->owned[i]) HPDF_Array_Free(l->values[i]);
    free(l->keys);
    free(l->values);
    free(l->owned);
    free(l);
    d->attr = NULL;
}

/* KEY maps to VALUE in the parent tree (keys come in ascending order);
 * VALUE, when an array, belongs to the tree from now on. */
static void parent_key(bg_tags *t, int key, void *value)
{
    leaf *l = t->leaf ? t->leaf->attr : NULL;
    if (l && l->count >= LEAF_MOST) t->leaf = NULL, l = NULL;
    if (!l) {
        HPDF_Dict d = record_dict(t, sizeof *l, free_leaf, write_leaf);
        if (!d) {
            const HPDF_Obj_Header *h = value;
            if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_ARRAY) HPDF_Array_Free(value);
            return;
        }
        l = d->attr;
        HPDF_Array_Add(t->leaves, d);
        t->leaf = d;
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        int *keys = realloc(l->keys, cap * sizeof *keys);
        if (keys) l->keys = keys;
        void **values = keys ? realloc(l->values, cap * sizeof *values) : NULL;
        if (values) l->values = values;
        bool *owned = values ? realloc(l->owned, cap * sizeof *owned) : NULL;
        if (owned) l->owned = owned;
        if (!owned) {
            const HPDF_Obj_Header *h = value;
            if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_ARRAY) HPDF_Array_Free(value);
            t->oom = true;
            return;
        }
        l->cap = cap;
    }
    const HPDF_Obj_Header *h = value;
    l->keys[l->count] = key;
    l->owned[l->count] = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_ARRAY;
    l->values[l->count++] = value;
}

bg_tags *bg_tags_new(HPDF_Doc pdf, const bg_pages *ps)
{
    bg_tags *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->pdf = pdf;
    t->ps = ps;
    size_t n = ps->elem_count + 1;
    t->dicts = calloc(n, sizeof *t->dicts);
    t->into = calloc(n, sizeof *t->into);
    t->first_page = malloc(n * sizeof *t->first_page);
    t->leaves = HPDF_Array_New(pdf->mmgr);
    if (!t->dicts || !t->into || !t->first_page || !t->leaves) {
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
    free(t->into);
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

int bg_tags_begin(bg_tags *t, int elem, char *out, size_t size)
{
    if (elem == BG_PAGINATION) {
        snprintf(out, size, "/Artifact<</Type/Pagination>>BDC\n");
        return 0;
    }
    if (elem < 0 || (size_t)elem >= t->ps->elem_count) {
        snprintf(out, size, "/Artifact BMC\n");
        return 0;
    }
    HPDF_Dict d = elem_dict(t, elem);
    if (!d || !t->marked) return -1;
    int mcid = t->mcid++;
    HPDF_Dict owner = kid_owner(t, elem);
    if (!owner) return -1;
    /* MCIDs on the element's first page as numbers (its /Pg), on any
     * other page as marked-content references */
    if (t->first_page[elem] < 0) {
        t->first_page[elem] = (int)t->index;
        node_of(d)->page = t->page;
        node_key(node_of(d), 'g');
    }
    bool here = t->first_page[elem] == (int)t->index && owner == d;
    if (!add_kid(owner, here ? KID_MCID : KID_MCR, mcid, here ? NULL : t->page)) return -1;
    HPDF_Array_Add(t->marked, owner);
    const char *name = owner == d ? type_names[t->ps->elems[elem].type] : "Div";
    size_t n = strlen(name);
    if (size < n + 32) return -1;
    put_str(put_uint(put_str(put_str(put_str(out, "/"), name), "<</MCID "), (unsigned)mcid),
            ">>BDC\n");
    return t->oom ? -1 : 0;
}

void bg_tags_link(bg_tags *t, HPDF_Annotation annot, int elem, const char *contents)
{
    if (elem < 0 || (size_t)elem >= t->ps->elem_count) elem = 0;
    HPDF_Dict link;
    if (t->ps->elems[elem].type == BG_S_LINK) {
        /* the Link element that holds the link's words */
        link = elem_dict(t, elem) ? kid_owner(t, elem) : NULL;
        if (!link || !add_kid(link, KID_OBJR, 0, annot)) {
            t->oom = true;
            return;
        }
    } else {
        /* words with no Link element of their own: one for the annotation */
        HPDF_Dict parent = elem_dict(t, elem) ? kid_owner(t, elem) : NULL;
        link = parent ? new_elem(t, "Link") : NULL;
        if (!link || !add_kid(link, KID_OBJR, 0, annot)) {
            t->oom = true;
            return;
        }
        node *n = node_of(link);
        n->parent = parent;
        node_key(n, 'p');
        n->page = t->page;
        node_key(n, 'g');
        if (!add_kid(parent, KID_ELEM, 0, link)) t->oom = true;
    }
    bg_annot_describe(annot, t->next_key, text_string(t->pdf, contents));
    parent_key(t, t->next_key++, link);
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
        HPDF_Dict owner = kid_owner(t, parent);
        if (!owner || !add_kid(owner, KID_ELEM, 0, t->dicts[i])) return -1;
        node_of(t->dicts[i])->parent = owner;
        node_key(node_of(t->dicts[i]), 'p');
    }
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (ps->elem_count) {
        node_of(t->dicts[0])->parent = root;
        node_key(node_of(t->dicts[0]), 'p');
        HPDF_Dict_Add(root, "K", t->dicts[0]);
    }
    /* the parent tree: its leaves under one root (ISO 32000-1, 7.9.7) */
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
