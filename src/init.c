/* init.c - "briefgen init": a working corpus to start from (README
 * "Usage"): a theme catalogue with two themes, two events with a lead and
 * passages, and a pack brief that uses them. docs/formats.md describes
 * every key the files use. No file is ever overwritten: every target is
 * checked first, and each file is created with O_EXCL. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/util.h"
#include "briefgen.h"

static const char themes_yaml[] =
    "# The themes events are filed under (docs/formats.md#themes).\n"
    "themes:\n"
    "  - id: trade\n"
    "    label: Trade and investment\n"
    "    label_ko: 통상과 투자\n"
    "    description: |\n"
    "      Trade talks, agreements and the figures that measure them.\n"
    "  - id: exchanges\n"
    "    label: People-to-people exchanges\n"
    "    label_ko: 인적 교류\n"
    "    description: |\n"
    "      Visits, visa arrangements, students and cultural years.\n";

static const char event_talks[] =
    "---\n"
    "id: trade-talks-opened\n"
    "date: 2024-03-12\n"
    "title: Trade ministers open talks on a services agreement\n"
    "title_ko: 서비스 협정 협상 개시\n"
    "kind: meeting\n"
    "place: Seoul\n"
    "participants: [Minister A, Minister B]\n"
    "themes: [trade]\n"
    "sources:\n"
    "  - title: \"[Press release on the opening of the talks]\"\n"
    "    publisher: Ministry of Trade\n"
    "    date: 2024-03-12\n"
    "    url: https://example.org/press/2024-03-12\n"
    "---\n"
    "The two trade ministers met in Seoul and opened talks on an agreement on\n"
    "services and investment. They set a first round for May and asked their\n"
    "teams to report by the end of the year.\n"
    "\n"
    "## trade\n"
    "The talks cover **services and investment**; goods stay under the\n"
    "existing arrangement. Both sides named priorities:\n"
    "\n"
    "- construction and engineering services;\n"
    "- shipping and logistics;\n"
    "- mutual recognition of qualifications.\n";

static const char event_year[] =
    "---\n"
    "id: exchange-year-launched\n"
    "date: 2024-05-20\n"
    "end: 2024-05-21\n"
    "title: Year of exchanges launched with a visa agreement\n"
    "title_ko: 교류의 해 개막과 사증 면제 협정\n"
    "kind: visit\n"
    "place: Busan\n"
    "participants: [Minister A, Minister C]\n"
    "themes: [exchanges, trade]\n"
    "milestone: true\n"
    "sources:\n"
    "  - title: \"[Joint statement on the year of exchanges]\"\n"
    "    publisher: Ministry of Foreign Affairs\n"
    "    date: 2024-05-21\n"
    "---\n"
    "A two-day visit to Busan opened the year of exchanges and ended with the\n"
    "signing of a visa-waiver agreement for short stays.\n"
    "\n"
    "## exchanges\n"
    "Visitors may stay *up to 60 days* without a visa once the agreement\n"
    "enters into force. The year's programme lists festivals, student\n"
    "exchanges and joint exhibitions.\n"
    "\n"
    "## trade\n"
    "Business travellers were named as the first to gain from the waiver.\n";

static const char brief_yaml[] =
    "# A pre-meeting pack (docs/formats.md#briefs). Render it with\n"
    "#   briefgen render brief.yaml\n"
    "title: \"Briefing: trade and exchanges, first half of 2024\"\n"
    "title_ko: 2024년 상반기 통상·교류 브리핑\n"
    "date: 2024-06-01\n"
    "author: Policy Division\n"
    "language: en\n"
    "layout: pack\n"
    "paper: A4\n"
    "select:\n"
    "  themes: [trade, exchanges]\n"
    "  from: 2024-01-01\n"
    "  to: 2024-06-30\n"
    "sections: [trade, exchanges]\n"
    "summary: |\n"
    "  Talks on services opened in March, and the year of exchanges began in\n"
    "  May with a **visa-waiver agreement**.\n"
    "talking_points:\n"
    "  - Welcome the first round of the services talks in May.\n"
    "  - Ask when the visa waiver will enter into force.\n"
    "chronology:\n"
    "  columns: [date, title, kind, place]\n";

static const struct {
    const char *name;
    const char *text;
} files[] = {
    {"themes.yaml", themes_yaml},
    {"events/trade-talks-opened.md", event_talks},
    {"events/exchange-year-launched.md", event_year},
    {"brief.yaml", brief_yaml},
};
enum { FILES = sizeof files / sizeof files[0] };

/* Creates PATH with TEXT, never replacing a file; 0 or -1. */
static int create(const char *path, const char *text, bg_diags *diags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot write: %s",
                        n < 0 ? strerror(errno) : "no space");
            close(fd);
            unlink(path);
            return -1;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(path);
        return -1;
    }
    return 0;
}

bg_status bg_init(const char *dir, bg_diags *diags)
{
    bg_arena arena = {0};
    bg_status status = BG_OK;
    struct stat st;
    bool made_dir = mkdir(dir, 0777) == 0;
    if (!made_dir && errno != EEXIST) {
        bg_diag_add(diags, BG_ERROR, dir, 0, 0, "cannot create the folder: %s", strerror(errno));
        return BG_SYSTEM;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        bg_diag_add(diags, BG_ERROR, dir, 0, 0, "not a folder");
        return BG_USAGE;
    }
    /* every target first: nothing is created when one exists, or when
     * 'events' is there but is no folder */
    for (int i = 0; i < FILES; i++) {
        const char *path = bg_path_join(&arena, dir, files[i].name);
        if (path && lstat(path, &st) == 0) {
            bg_diag_add(diags, BG_ERROR, path, 0, 0, "exists; init never overwrites a file");
            status = BG_USAGE;
        }
    }
    const char *events = bg_path_join(&arena, dir, "events");
    if (events && lstat(events, &st) == 0 && (stat(events, &st) != 0 || !S_ISDIR(st.st_mode))) {
        bg_diag_add(diags, BG_ERROR, events, 0, 0,
                    "exists and is not a folder; init never overwrites a file");
        status = BG_USAGE;
    }
    bool made_events = false;
    if (status == BG_OK && events) {
        made_events = mkdir(events, 0777) == 0;
        if (!made_events && errno != EEXIST) {
            bg_diag_add(diags, BG_ERROR, events, 0, 0, "cannot create the folder: %s",
                        strerror(errno));
            status = BG_SYSTEM;
        }
    } else if (status == BG_OK) {
        status = BG_SYSTEM;
    }
    int created = 0;
    for (; created < FILES && status == BG_OK; created++) {
        const char *path = bg_path_join(&arena, dir, files[created].name);
        if (!path || create(path, files[created].text, diags) != 0) status = BG_SYSTEM;
    }
    if (status == BG_SYSTEM) { /* all or nothing: what this run made is removed */
        for (int i = 0; i < created - 1; i++) {
            const char *path = bg_path_join(&arena, dir, files[i].name);
            if (path) unlink(path);
        }
        if (made_events) rmdir(events);
        if (made_dir) rmdir(dir);
    }
    bg_arena_free(&arena);
    return status;
}
