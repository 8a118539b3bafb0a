/* meta.h - the document-level parts of an accessible and archival PDF
 * (internal to src/pdf): language, title shown by viewers, XMP metadata,
 * a content-derived file identifier, and for PDF/A an output intent with
 * an sRGB profile. README "Accessibility and archiving". */
#ifndef BRIEFGEN_PDF_META_H
#define BRIEFGEN_PDF_META_H

#include <hpdf.h>

#include "base/diag.h"
#include "layout/layout.h"

/* The sRGB profile embedded in a PDF/A output intent (icc-profiles-free). */
#define BG_SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

/* The text of an entry of the document information dictionary (Title,
 * Author, Subject, Keywords) and of its XMP property, the same in both
 * (ISO 19005-2 6.6.3; PDF/UA-1 7.1): S without the control characters
 * XML 1.0 does not allow (all below 32 but tab and line feed), and cut at
 * a character to BG_INFO_TEXT_MOST bytes with an ellipsis (libharu refuses
 * a string of more than 65,535 bytes). A copy to free(); NULL without
 * memory. */
#define BG_INFO_TEXT_MOST 8192
char *bg_pdf_info_text(const char *s);

/* Adds to PDF's catalog and trailer what PS asks for: /Lang,
 * /ViewerPreferences << /DisplayDocTitle true >>, an XMP /Metadata stream
 * agreeing with the Info dictionary, a trailer /ID derived from the pages'
 * content; with PS->pdf_a, an /OutputIntents entry with the sRGB profile
 * and the PDF/A identification in the XMP. Problems go to DIAGS as NAME;
 * 0, or -1 when the PDF cannot be made as asked. */
int bg_pdf_meta(HPDF_Doc pdf, const bg_pages *ps, const char *name, bg_diags *diags);

#endif
