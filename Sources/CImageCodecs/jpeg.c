// libjpeg decoding with error recovery. libjpeg reports fatal errors by calling error_exit,
// which must not return; the only way back into our code is longjmp, and Swift cannot call
// setjmp, so every entry point that calls into libjpeg sets its escape point here.

#include <stdio.h> // jpeglib.h uses FILE and size_t without including it
#include <setjmp.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <jerror.h>

#include "CImageCodecs.h"

struct CImageCodecs_JPEG {
    // First member, so libjpeg's j_common_ptr converts back to the whole handle.
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr errorManager;
    jmp_buf escape;
    CImageCodecs_Status errorStatus;
    int corruptWarnings;
    char message[JMSG_LENGTH_MAX];
};

/// Errors that mean "valid but not decodable here" rather than "damaged".
static CImageCodecs_Status statusForError(int code) {
    switch (code) {
    case JERR_OUT_OF_MEMORY:
        return CImageCodecs_outOfMemory;
    case JERR_SOF_UNSUPPORTED:
    case JERR_BAD_PRECISION:
    case JERR_NOT_COMPILED:
    case JERR_NOTIMPL:
    case JERR_ARITH_NOTIMPL:
    case JERR_CONVERSION_NOTIMPL:
        return CImageCodecs_unsupported;
    default:
        return CImageCodecs_failed;
    }
}

/// Warnings about metadata we do not use; every other warning means the pixels are damaged.
static int isBenignWarning(int code) {
    return code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM || code == JWRN_BOGUS_ICC;
}

/// error_exit: keep the message and jump back to the entry point (it must not return).
static void onErrorExit(j_common_ptr cinfo) {
    CImageCodecs_JPEG *jpeg = (CImageCodecs_JPEG *)cinfo;
    (*cinfo->err->format_message)(cinfo, jpeg->message);
    jpeg->errorStatus = statusForError(cinfo->err->msg_code);
    longjmp(jpeg->escape, 1);
}

/// emit_message: the default prints only the first warning, so a benign first warning would
/// hide a later corrupt-data one. Count every warning and keep the first damaging one.
static void onEmitMessage(j_common_ptr cinfo, int level) {
    if (level >= 0) {
        return; // trace messages
    }
    CImageCodecs_JPEG *jpeg = (CImageCodecs_JPEG *)cinfo;
    cinfo->err->num_warnings++;
    if (isBenignWarning(cinfo->err->msg_code)) {
        return;
    }
    if (jpeg->corruptWarnings++ == 0) {
        (*cinfo->err->format_message)(cinfo, jpeg->message);
    }
}

/// output_message: the default writes to stderr; keep the text instead.
static void onOutputMessage(j_common_ptr cinfo) {
    CImageCodecs_JPEG *jpeg = (CImageCodecs_JPEG *)cinfo;
    (*cinfo->err->format_message)(cinfo, jpeg->message);
}

CImageCodecs_JPEG *CImageCodecs_jpeg_create(void) {
    CImageCodecs_JPEG *jpeg = calloc(1, sizeof *jpeg);
    if (jpeg == NULL) {
        return NULL;
    }
    jpeg->cinfo.err = jpeg_std_error(&jpeg->errorManager);
    jpeg->errorManager.error_exit = onErrorExit;
    jpeg->errorManager.emit_message = onEmitMessage;
    jpeg->errorManager.output_message = onOutputMessage;
    if (setjmp(jpeg->escape)) {
        // Only allocation can fail here; destroy copes with a half-made decompressor.
        jpeg_destroy_decompress(&jpeg->cinfo);
        free(jpeg);
        return NULL;
    }
    jpeg_create_decompress(&jpeg->cinfo);
    return jpeg;
}

void CImageCodecs_jpeg_destroy(CImageCodecs_JPEG *jpeg) {
    if (jpeg == NULL) {
        return;
    }
    jpeg_destroy_decompress(&jpeg->cinfo);
    free(jpeg);
}

static CImageCodecs_JPEGSource sourceOf(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return CImageCodecs_JPEGSourceGray;
    case JCS_YCbCr: return CImageCodecs_JPEGSourceYCbCr;
    case JCS_RGB: return CImageCodecs_JPEGSourceRGB;
    case JCS_CMYK: return CImageCodecs_JPEGSourceCMYK;
    case JCS_YCCK: return CImageCodecs_JPEGSourceYCCK;
    default: return CImageCodecs_JPEGSourceOther;
    }
}

CImageCodecs_Status CImageCodecs_jpeg_read_header(CImageCodecs_JPEG *jpeg, const uint8_t *data,
                                                  size_t size, CImageCodecs_JPEGHeader *header) {
    if (setjmp(jpeg->escape)) {
        return jpeg->errorStatus;
    }
    jpeg_mem_src(&jpeg->cinfo, data, (unsigned long)size);
    jpeg_save_markers(&jpeg->cinfo, JPEG_APP0 + 1, 0xFFFF);
    // TRUE: a tables-only stream (no image) is an error, not a success with no pixels.
    jpeg_read_header(&jpeg->cinfo, TRUE);
    header->width = jpeg->cinfo.image_width;
    header->height = jpeg->cinfo.image_height;
    header->source = sourceOf(jpeg->cinfo.jpeg_color_space);
    header->sawAdobeMarker = jpeg->cinfo.saw_Adobe_marker ? 1 : 0;
    return jpeg->corruptWarnings > 0 ? CImageCodecs_corruptData : CImageCodecs_ok;
}

const uint8_t *CImageCodecs_jpeg_app1(const CImageCodecs_JPEG *jpeg, size_t index, size_t *size) {
    size_t seen = 0;
    for (jpeg_saved_marker_ptr marker = jpeg->cinfo.marker_list; marker != NULL;
         marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1) {
            continue;
        }
        if (seen++ == index) {
            *size = marker->data_length;
            return marker->data;
        }
    }
    *size = 0;
    return NULL;
}

CImageCodecs_Status CImageCodecs_jpeg_read_pixels(CImageCodecs_JPEG *jpeg,
                                                  CImageCodecs_JPEGOutput output,
                                                  uint8_t *pixels, size_t size) {
    struct jpeg_decompress_struct *cinfo = &jpeg->cinfo;
    if (setjmp(jpeg->escape)) {
        return jpeg->errorStatus;
    }
    switch (output) {
    case CImageCodecs_JPEGOutputGray: cinfo->out_color_space = JCS_GRAYSCALE; break;
    case CImageCodecs_JPEGOutputRGB: cinfo->out_color_space = JCS_RGB; break;
    case CImageCodecs_JPEGOutputCMYK: cinfo->out_color_space = JCS_CMYK; break;
    }
    jpeg_start_decompress(cinfo);
    size_t stride = (size_t)cinfo->output_width * (size_t)cinfo->output_components;
    if (cinfo->output_components != (int)output || stride * cinfo->output_height > size) {
        snprintf(jpeg->message, sizeof jpeg->message,
                 "decoded layout %ux%ux%d does not fit the %zu-byte buffer",
                 cinfo->output_width, cinfo->output_height, cinfo->output_components, size);
        jpeg_abort_decompress(cinfo);
        return CImageCodecs_failed;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = pixels + (size_t)cinfo->output_scanline * stride;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            // Only a suspending data source returns no row; the memory source never does.
            snprintf(jpeg->message, sizeof jpeg->message, "libjpeg returned no scanline");
            jpeg_abort_decompress(cinfo);
            return CImageCodecs_failed;
        }
    }
    jpeg_finish_decompress(cinfo);
    return jpeg->corruptWarnings > 0 ? CImageCodecs_corruptData : CImageCodecs_ok;
}

const char *CImageCodecs_jpeg_message(const CImageCodecs_JPEG *jpeg) {
    return jpeg->message;
}
