/* image.c - images into the PDF (image.h). compose has checked every
 * image before layout; the file is read and checked again here (it may
 * have changed since), then a PNG is decoded by image/image.c and handed
 * to libharu as raw pixels (HPDF_LoadRawImageFromMem, DeviceRGB or
 * DeviceGray, Flate-compressed), its alpha as a DeviceGray soft mask
 * (HPDF_Image_AddSMask; ISO 32000-1, 11.6.5.3), and a JPEG is passed
 * through as DCTDecode (HPDF_LoadJpegImageFromMem). A failure here leaves
 * the image out with a warning; it never fails the render. */
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "pdf/image.h"

int bg_pdf_images_init(bg_pdf_images *images, const bg_pages *pages)
{
    memset(images, 0, sizeof *images);
    size_t count = 0;
    for (size_t p = 0; p < pages->count; p++)
        for (size_t i = 0; i < pages->pages[p].image_count; i++) {
            int id = pages->pages[p].images[i].id;
            if (id >= 0 && (size_t)id + 1 > count) count = (size_t)id + 1;
        }
    if (count == 0) return 0;
    images->w = calloc(count, sizeof *images->w);
    images->h = calloc(count, sizeof *images->h);
    images->xobjects = calloc(count, sizeof *images->xobjects);
    images->state = calloc(count, 1);
    if (!images->w || !images->h || !images->xobjects || !images->state) {
        bg_pdf_images_free(images);
        return -1;
    }
    images->count = count;
    for (size_t p = 0; p < pages->count; p++)
        for (size_t i = 0; i < pages->pages[p].image_count; i++) {
            const bg_image *im = &pages->pages[p].images[i];
            if (im->id < 0) continue;
            if (im->w > images->w[im->id]) images->w[im->id] = im->w;
            if (im->h > images->h[im->id]) images->h[im->id] = im->h;
        }
    return 0;
}

void bg_pdf_images_free(bg_pdf_images *images)
{
    free(images->w);
    free(images->h);
    free(images->xobjects);
    free(images->state);
    memset(images, 0, sizeof *images);
}

/* A PNG's pixels as an image XObject with its soft mask, or NULL. */
static HPDF_Image png_xobject(HPDF_Doc pdf, const unsigned char *data, size_t len,
                              const bg_image_info *info, double w, double h, const char **why)
{
    uint32_t out_w, out_h;
    bg_image_target(info->width, info->height, w, h, &out_w, &out_h);
    bg_pixels px;
    HPDF_Image image = NULL;
    if (bg_image_decode(data, len, out_w, out_h, &px, why) == 0) {
        image = HPDF_LoadRawImageFromMem(
            pdf, px.color, px.width, px.height,
            px.channels == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
        if (image && px.alpha) {
            HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, px.alpha, px.width, px.height,
                                                       HPDF_CS_DEVICE_GRAY, 8);
            if (!mask || HPDF_Image_AddSMask(image, mask) != HPDF_OK) image = NULL;
        }
        if (!image) *why = "libharu cannot take its pixels (out of memory?)";
    }
    bg_pixels_free(&px);
    return image;
}

static HPDF_Image load(HPDF_Doc pdf, const bg_image *im, double w, double h, const char **why)
{
    unsigned char *data;
    size_t len;
    int missing;
    if (bg_image_read(im->path, 1, &data, &len, why, &missing) != 0) return NULL;
    bg_image_info info;
    HPDF_Image image = NULL;
    if (bg_image_probe(data, len, &info, why) != 0) {
        /* *WHY set */
    } else if ((info.format == BG_IMAGE_PNG) != im->png) {
        *why = "the file changed while the brief was rendered";
    } else if (info.format == BG_IMAGE_PNG) {
        image = png_xobject(pdf, data, len, &info, w, h, why);
    } else {
        image = HPDF_LoadJpegImageFromMem(pdf, data, (HPDF_UINT)len);
        if (!image) *why = "libharu cannot read this JPEG";
    }
    free(data);
    return image;
}

HPDF_Image bg_pdf_image(bg_pdf_images *images, HPDF_Doc pdf, const bg_image *im, bg_diags *diags)
{
    if (im->id < 0 || (size_t)im->id >= images->count) return NULL;
    size_t id = (size_t)im->id;
    if (images->state[id] == 0) {
        const char *why = "damaged image";
        images->xobjects[id] = load(pdf, im, images->w[id], images->h[id], &why);
        images->state[id] = images->xobjects[id] ? 1 : 2;
        if (!images->xobjects[id])
            bg_diag_add(diags, BG_WARNING, im->file, im->line, im->col,
                        "image '%s' cannot be drawn: %s; it is left out", im->path, why);
    }
    return images->xobjects[id];
}
