/* layouts.h - the document layouts over the flow (internal). */
#ifndef BRIEFGEN_LAYOUTS_H
#define BRIEFGEN_LAYOUTS_H

#include "layout/flow.h"

/* Page size, frame and type styles for BRIEF. */
void bg_pack_setup(bg_flow *flow, bg_pages *pages, const bg_brief *brief);
/* SPEC 5 pack: cover, contents, sections, chronology, annex, sources. */
int bg_layout_pack(bg_flow *flow, const bg_doc *doc);

#endif
