/* render.c - a composed brief to a PDF (briefgen.h): fonts, layout, the PDF
 * back end, and where the bytes go. A regular file (or a path not there
 * yet) is replaced atomically: written to a temporary file beside it,
 * flushed to disk, given the old file's permission bits and owner, renamed
 * into place. A symbolic link is followed, so the file it names is
 * replaced and the link stays. A character device, FIFO or socket is
 * written in place (a temporary file would replace the device). A path
 * that is one of the brief's inputs, or a font the render uses, is
 * refused. Diagnostics name the path the caller gave, never the
 * temporary file. */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "session.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "base/target.h"
#include "base/temp.h"
#include "base/util.h"

const char *bg_render_default_path(bg_session *s)
{
    if (s->brief.output) return s->brief.output;
    return bg_arena_printf(&s->arena, "output/%s.pdf", s->brief.stem);
}

/* SOURCE_DATE_EPOCH as seconds, or -1 when unset, malformed or past the
 * end of year 9999. */
static long long source_date_epoch(void)
{
    const char *v = getenv("SOURCE_DATE_EPOCH");
    if (!v || !*v) return -1;
    char *end;
    errno = 0;
    long long t = strtoll(v, &end, 10);
    /* a PDF date holds a 4-digit year (ISO 32000-1 7.9.4): up to the end
     * of 9999 (later ones made year 0, or overflowed the year) */
    return errno || *end || t < 0 || t > 253402300799LL ? -1 : t;
}

/* Creates the folder of PATH when it is missing (one level). */
static int ensure_dir(bg_arena *arena, const char *path, bg_diags *diags)
{
    const char *dir = bg_path_dirname(arena, path);
    struct stat st;
    if (!dir || stat(dir, &st) == 0) return 0;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        bg_diag_add(diags, BG_ERROR, dir, 0, 0, "cannot create the output folder: %s",
                    strerror(errno));
        return -1;
    }
    return 0;
}

/* Where the PDF goes. */
typedef struct target {
    const char *name; /* the path as given: what diagnostics name */
    const char *file; /* NAME with its links followed: the file replaced */
    int fd;           /* an open descriptor to write to (bg_render_fd), else -1 */
    bool direct;      /* a character device, FIFO or socket: written in place */
    bool exists;      /* FILE is a regular file: its mode and owner are kept */
    struct stat st;   /* of FILE when it exists or DIRECT */
} target;

/* Classifies PATH before anything is typeset, so that a bad target fails
 * at once. */
static bg_status resolve(bg_arena *arena, const char *path, target *t, bg_diags *diags)
{
    memset(t, 0, sizeof *t);
    t->name = path;
    t->fd = -1;
    if (stat(path, &t->st) == 0) {
        if (S_ISDIR(t->st.st_mode)) {
            bg_diag_add(diags, BG_ERROR, path, 0, 0,
                        "is a directory; give a file name for the PDF");
            return BG_SYSTEM;
        }
        if (S_ISBLK(t->st.st_mode)) {
            bg_diag_add(diags, BG_ERROR, path, 0, 0,
                        "is a block device; a PDF goes to a file, a FIFO, a socket or a "
                        "character device");
            return BG_SYSTEM;
        }
        t->direct = !S_ISREG(t->st.st_mode);
        t->exists = !t->direct;
    }
    if (t->direct) return BG_OK;
    size_t len = strlen(path);
    if (len == 0 || path[len - 1] == '/') { /* "out/": a folder meant, none made */
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "%s; give a file name for the PDF",
                    len ? "names a folder" : "is empty");
        return BG_SYSTEM;
    }
    t->file = bg_path_follow(arena, path);
    if (!t->file) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot follow the link: %s", strerror(errno));
        return BG_SYSTEM;
    }
    return ensure_dir(arena, t->file, diags) == 0 ? BG_OK : BG_SYSTEM;
}

/* A stream connection to the Unix socket PATH; -1 with errno set. */
static int connect_socket(const char *path)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    if (connect(fd, (const struct sockaddr *)&addr, sizeof addr) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* What a PDF is made from, and what is freed once it is drawn, before
 * libharu saves it (when memory peaks): the pages, the fonts (their
 * HarfBuzz faces unmap the font files) and the session's loaded and
 * composed content. */
typedef struct made {
    bg_session *s;
    bg_pages *pages;
    bg_fonts **fonts; /* NULL once freed */
    bg_pdf_times times;
} made;

/* The fonts freed, and the session's render information that needs them
 * taken first. */
static void free_fonts(made *m)
{
    if (!*m->fonts) return;
    m->s->info.font_cache = bg_fonts_cache_state(*m->fonts);
    bg_fonts_free(*m->fonts);
    *m->fonts = NULL;
}

/* The freed heap given back to the system (glibc keeps it otherwise),
 * before the memory the PDF takes is added: when it is worth it. Giving
 * back a megabyte or two (a brief of a few pages) costs a system call
 * per free stretch, and the pages fault back in as the PDF is made, for
 * nothing a reader would see. */
static void trim(void)
{
#ifdef __GLIBC__
#if __GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33)
    enum { WORTH = 4 << 20 }; /* bytes free in the heap */
    if (mallinfo2().fordblks < WORTH) return;
#endif
    malloc_trim(0);
#endif
}

/* Draws the PDF, frees what it was made from and saves it to FD. Returns
 * 0, or -1 after a diagnostic naming NAME. */
static int make(made *m, int fd, const char *name, bg_diags *diags)
{
    bg_pdf *pdf;
    int status = bg_pdf_draw(m->pages, *m->fonts, name, diags, &m->times, &pdf);
    bg_pages_free(m->pages);
    free_fonts(m);
    trim();
    if (status == 0) status = bg_pdf_save(pdf, fd, diags, &m->times);
    bg_pdf_free(pdf);
    return status;
}

/* Writes the PDF to a device, FIFO or socket, in place. */
static bg_status write_direct(made *m, const target *t, bg_diags *diags)
{
    int fd = S_ISSOCK(t->st.st_mode) ? connect_socket(t->name)
                                     : open(t->name, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct stat now;
    if (fd >= 0 && (fstat(fd, &now) != 0 || S_ISREG(now.st_mode))) {
        /* replaced by a regular file since it was looked at: writing in
         * place would overwrite it without a temporary file */
        close(fd);
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0,
                    "changed from a device, FIFO or socket to a file while the PDF was made; "
                    "not written");
        return BG_SYSTEM;
    }
    if (fd < 0) {
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "cannot open: %s", strerror(errno));
        return BG_SYSTEM;
    }
    int failed = make(m, fd, t->name, diags);
    if (close(fd) != 0 && !failed) {
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "cannot write the PDF: %s", strerror(errno));
        failed = -1;
    }
    return failed ? BG_SYSTEM : BG_OK;
}

/* Gives FD the owner (when permitted) and permission bits of the file it
 * replaces; chown first, as it may clear set-user-ID bits. */
static int keep_mode(int fd, const struct stat *old)
{
    if (old->st_uid != geteuid() || old->st_gid != getegid()) {
        if (fchown(fd, old->st_uid, old->st_gid) != 0 && fchown(fd, (uid_t)-1, old->st_gid) != 0) {
            /* not permitted: the new file is the caller's, as any new file */
        }
    }
    return fchmod(fd, old->st_mode & 07777);
}

/* Writes the PDF to a temporary file beside T->FILE and renames it into
 * place when complete; on failure the temporary file is removed and the
 * old file, if any, is left as it was. */
static bg_status write_atomic(bg_arena *arena, made *m, const target *t, bool warnings_fatal,
                              bg_diags *diags)
{
    size_t warnings = diags->warnings;
    char *tmp = bg_arena_printf(arena, "%s.XXXXXX", t->file);
    /* a new file gets 0666 less the umask, as the shell's '>' gives it;
     * a replaced one stays private until it has the old file's mode */
    int fd = tmp ? bg_temp_create(tmp, t->exists ? 0600 : 0666) : -1;
    if (fd < 0) {
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "cannot write the PDF: %s",
                    tmp ? strerror(errno) : "out of memory");
        return BG_SYSTEM;
    }
    const char *failed = NULL;
    int written = make(m, fd, t->name, diags);
    bool refused = written == 0 && warnings_fatal && diags->warnings > warnings;
    if (refused) written = -1;
    if (written == 0 && t->exists && keep_mode(fd, &t->st) != 0)
        failed = "cannot give the PDF the permissions of the file it replaces";
    if (written == 0 && !failed && fsync(fd) != 0) failed = "cannot write the PDF";
    if (close(fd) != 0 && written == 0 && !failed) failed = "cannot write the PDF";
    if (written == 0 && !failed && rename(tmp, t->file) != 0) failed = "cannot replace the file";
    if (written != 0 || failed) {
        int e = errno;
        bg_temp_remove(tmp);
        if (failed) bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "%s: %s", failed, strerror(e));
        return refused ? BG_INPUT : BG_SYSTEM;
    }
    bg_temp_release(tmp);
    return BG_OK;
}

/* True when ID is a font file that FONTS uses. */
static bool is_font(bg_fonts *fonts, const bg_file_id *id)
{
    for (size_t i = 0; i < bg_fonts_face_count(fonts); i++) {
        const char *path = bg_fonts_face_path(fonts, (int)i);
        struct stat st;
        if (path && stat(path, &st) == 0 && (unsigned long long)st.st_dev == id->dev &&
            (unsigned long long)st.st_ino == id->ino)
            return true;
    }
    return false;
}

/* The identity of what T writes to, when it exists. */
static bool target_id(const target *t, bg_file_id *id)
{
    struct stat st;
    if (t->fd >= 0 ? fstat(t->fd, &st) != 0 : stat(t->name, &st) != 0) return false;
    id->dev = (unsigned long long)st.st_dev;
    id->ino = (unsigned long long)st.st_ino;
    return true;
}

/* STR copied into ARENA (NULL stays NULL); false without memory. */
static bool keep(bg_arena *arena, const char **str)
{
    if (!*str) return true;
    *str = bg_arena_strdup(arena, *str);
    return *str != NULL;
}

/* The strings PS points to (in the document, the corpus and what layout
 * made in the session's arena) copied into ARENA, so that the session's
 * content can be freed before the PDF is drawn. Returns 0, or -1 without
 * memory. */
static int keep_strings(bg_pages *ps, bg_arena *arena)
{
    bool ok = keep(arena, &ps->title) && keep(arena, &ps->author) && keep(arena, &ps->subject) &&
              keep(arena, &ps->keywords) && keep(arena, &ps->lang);
    for (size_t i = 0; ok && i < ps->outline_count; i++)
        ok = keep(arena, &ps->outline[i].title);
    for (size_t i = 0; ok && i < ps->elem_count; i++)
        ok = keep(arena, &ps->elems[i].alt);
    for (size_t i = 0; ok && i < ps->count; i++) {
        bg_page *p = &ps->pages[i];
        for (size_t k = 0; ok && k < p->link_count; k++)
            ok = keep(arena, &p->links[k].uri);
        for (size_t k = 0; ok && k < p->image_count; k++)
            ok = keep(arena, &p->images[k].path) && keep(arena, &p->images[k].file);
    }
    return ok ? 0 : -1;
}

static bg_status render_named(bg_session *s, target *t, bg_diags *diags);

/* Renders S into T; diagnostics at a --set override's value (a font
 * family) name the option. */
static bg_status render(bg_session *s, target *t, bg_diags *diags)
{
    size_t first = diags->count;
    bg_status status = render_named(s, t, diags);
    bg_brief_name_overrides(&s->brief, diags, first);
    return status;
}

static bg_status render_named(bg_session *s, target *t, bg_diags *diags)
{
    if (!s->composed) return BG_INPUT;
    bg_file_id id;
    bool has_id = target_id(t, &id);
    if (has_id && bg_session_reads(s, &id)) {
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "is an input of %s; the PDF would overwrite it",
                    s->path);
        return BG_USAGE;
    }
    const bg_brief *b = &s->brief;
    const char *families[BG_ROLE_COUNT] = {b->font_body, b->font_heading, b->font_mono};
    bg_phase_times *times = &s->info.times;
    double start = bg_seconds();
    /* the hyphenation patterns load while fontconfig starts, unless they
     * have been loading since the session was opened */
    bg_hyphenator *hyphenator = bg_session_take_hyphenator(s);
    if (!hyphenator) hyphenator = bg_hyphenator_new();
    size_t warnings = diags->warnings; /* -W error: those from here on */
    bg_fonts *fonts;
    if (bg_fonts_open_at(&fonts, bg_fonts_default_conf(), families, b->path, b->font_line,
                         b->font_col, diags) != 0) {
        bg_hyphenator_free(hyphenator);
        return BG_SYSTEM;
    }
    bg_pages pages;
    bg_status status = BG_SYSTEM;
    double laying = bg_seconds();
    times->fonts = laying - start;
    int laid = bg_layout_document(&s->doc, fonts, hyphenator, &s->content, diags, &pages);
    /* the patterns (1.5 MB) are not needed to draw: freed before the PDF
     * is made, which is when memory peaks */
    bg_hyphenator_free(hyphenator);
    double writing = bg_seconds();
    times->layout = writing - laying;
    made m = {s, &pages, &fonts, {0, 0, 0}};
    /* the pages' strings, theirs from here on: the session's content (the
     * corpus, the document, what layout made) is freed before drawing */
    bg_arena strings = {0};
    if (laid == 0 && keep_strings(&pages, &strings) != 0) {
        bg_diag_add(diags, BG_ERROR, t->name, 0, 0, "cannot make the PDF: out of memory");
        laid = -1;
    }
    if (laid == 0) {
        pages.epoch = source_date_epoch();
        s->info.pages = pages.count;
        s->info.justified_lines = pages.stats.justified_lines;
        s->info.hyphenated_lines = pages.stats.hyphenated_lines;
        s->info.syllable_breaks = pages.stats.syllable_breaks;
        s->info.worst_ratio = pages.stats.worst_ratio;
        /* (released only on the way to the PDF: a refusal here leaves the
         * session whole, so that the caller can render it again) */
        bool font_out = has_id && is_font(fonts, &id);
        bool release = !(s->warnings_fatal && diags->warnings > warnings) && !font_out;
        if (release) {
            bg_session_release(s);
            trim();
        }
        if (s->warnings_fatal && diags->warnings > warnings) {
            status = BG_INPUT; /* -W error: nothing written */
        } else if (font_out) {
            bg_diag_add(diags, BG_ERROR, t->name, 0, 0,
                        "is a font this brief uses; the PDF would overwrite it");
            status = BG_USAGE;
        } else if (t->fd >= 0) {
            status = make(&m, t->fd, t->name, diags) == 0 ? BG_OK : BG_SYSTEM;
        } else if (t->direct) {
            status = write_direct(&m, t, diags);
        } else {
            status = write_atomic(&s->arena, &m, t, s->warnings_fatal, diags);
        }
        /* saving: libharu's, then flushing and renaming the file */
        times->subset = m.times.subset;
        times->draw = m.times.draw;
        times->save = bg_seconds() - writing - m.times.subset - m.times.draw;
    }
    bg_pages_free(&pages); /* what a failed layout made too */
    bg_arena_free(&strings);
    free_fonts(&m);
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0) s->info.peak_rss_kb = usage.ru_maxrss; /* KiB */
    return status;
}

void bg_session_warnings_fatal(bg_session *s, bool yes)
{
    if (s) s->warnings_fatal = yes;
}

bg_status bg_render(bg_session *s, const char *path, bg_diags *diags)
{
    if (!s->composed) return BG_INPUT;
    target t;
    bg_status status = resolve(&s->arena, path, &t, diags);
    return status == BG_OK ? render(s, &t, diags) : status;
}

bg_status bg_render_fd(bg_session *s, int fd, const char *name, bg_diags *diags)
{
    target t;
    memset(&t, 0, sizeof t);
    t.name = name;
    t.fd = fd;
    return render(s, &t, diags);
}

bool bg_same_output(const char *a, const char *b)
{
    struct stat sa, sb;
    bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea || eb) return ea && eb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    bg_arena arena = {0};
    const char *ca = bg_path_canonical(&arena, a), *cb = bg_path_canonical(&arena, b);
    bool same = ca && cb ? strcmp(ca, cb) == 0 : strcmp(a, b) == 0;
    bg_arena_free(&arena);
    return same;
}
