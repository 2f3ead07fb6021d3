// libpng decoding through the simplified API (png_image). It needs no setjmp and expands every
// PNG variant (1-16 bit, palette, tRNS, interlaced) to 8-bit samples; this file exists so that
// all libpng calls sit behind prefixed symbols and the png_image's lifetime has one owner.

#include <stdio.h>
#include <stdlib.h>

#include <png.h>

#include "CImageCodecs.h"

struct CImageCodecs_PNG {
    png_image image;
};

CImageCodecs_PNG *CImageCodecs_png_create(void) {
    CImageCodecs_PNG *png = calloc(1, sizeof *png);
    if (png == NULL) {
        return NULL;
    }
    png->image.version = PNG_IMAGE_VERSION;
    return png;
}

void CImageCodecs_png_destroy(CImageCodecs_PNG *png) {
    if (png == NULL) {
        return;
    }
    // Safe after a failed call too: libpng frees on error and leaves opaque NULL.
    png_image_free(&png->image);
    free(png);
}

CImageCodecs_Status CImageCodecs_png_read_header(CImageCodecs_PNG *png, const uint8_t *data,
                                                 size_t size, CImageCodecs_PNGHeader *header) {
    if (!png_image_begin_read_from_memory(&png->image, data, size)) {
        return CImageCodecs_failed;
    }
    header->width = png->image.width;
    header->height = png->image.height;
    header->hasColor = (png->image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    header->hasAlpha = (png->image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    return CImageCodecs_ok;
}

CImageCodecs_Status CImageCodecs_png_read_pixels(CImageCodecs_PNG *png, CImageCodecs_PNGOutput output,
                                                 uint8_t *pixels, size_t size) {
    // Always ask for alpha: without it libpng composites (in linear light) and converts colour
    // to gray with its own coefficients; the caller does both to match libjpeg instead.
    png->image.format = output == CImageCodecs_PNGOutputRGBA ? PNG_FORMAT_RGBA : PNG_FORMAT_GA;
    // Untagged 16-bit data is otherwise assumed linear and gamma-encoded on the way to 8 bits,
    // which would make a 16-bit file decode differently from its 8-bit twin.
    png->image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    if (PNG_IMAGE_SIZE(png->image) > size) {
        png_image_free(&png->image);
        snprintf(png->image.message, sizeof png->image.message, "output buffer too small");
        return CImageCodecs_failed;
    }
    if (!png_image_finish_read(&png->image, NULL, pixels, 0, NULL)) {
        return CImageCodecs_failed;
    }
    return CImageCodecs_ok;
}

const char *CImageCodecs_png_message(const CImageCodecs_PNG *png) {
    return png->image.message;
}

int CImageCodecs_png_warned(const CImageCodecs_PNG *png) {
    return (png->image.warning_or_error & PNG_IMAGE_WARNING) != 0;
}
