#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H

// A thin shim over libjpeg (6.2 API) and libpng (simplified API). It exists because Swift cannot
// call setjmp, which libjpeg's error recovery needs, and so that neither library ever prints to
// stderr. Everything else (format sniffing, EXIF, colour conversion, limits) lives in Swift.
//
// Each decoder is an opaque handle owned by exactly one Swift object; handles are never shared
// between threads, and the shim keeps no global state, so separate handles decode concurrently.

#include <stddef.h>
#include <stdint.h>

/// Outcome of a shim call.
typedef enum {
    CImageCodecs_ok = 0,
    /// The library stopped with an error (corrupt stream, bad header); message says which.
    CImageCodecs_failed = 1,
    /// The stream is valid but uses a feature the library cannot decode (e.g. lossless JPEG).
    CImageCodecs_unsupported = 2,
    /// Decoding finished, but the library reported damaged data on the way (libjpeg warnings
    /// such as "Premature end of JPEG file"); the pixels are not trustworthy.
    CImageCodecs_corruptData = 3,
    /// The library could not allocate memory.
    CImageCodecs_outOfMemory = 4,
} CImageCodecs_Status;

// MARK: - JPEG

/// One libjpeg decompressor with its error manager.
typedef struct CImageCodecs_JPEG CImageCodecs_JPEG;

/// Colour space of the data inside the JPEG (libjpeg's jpeg_color_space, simplified).
typedef enum {
    CImageCodecs_JPEGSourceOther = 0,
    CImageCodecs_JPEGSourceGray = 1,
    CImageCodecs_JPEGSourceYCbCr = 2,
    CImageCodecs_JPEGSourceRGB = 3,
    CImageCodecs_JPEGSourceCMYK = 4,
    CImageCodecs_JPEGSourceYCCK = 5,
} CImageCodecs_JPEGSource;

/// Colour space the pixels are decoded to (libjpeg's out_color_space); the value is the number
/// of bytes per pixel. CMYK is the only output libjpeg offers for CMYK and YCCK sources.
typedef enum {
    CImageCodecs_JPEGOutputGray = 1,
    CImageCodecs_JPEGOutputRGB = 3,
    CImageCodecs_JPEGOutputCMYK = 4,
} CImageCodecs_JPEGOutput;

/// What jpeg_read_header found.
typedef struct {
    uint32_t width;
    uint32_t height;
    CImageCodecs_JPEGSource source;
    /// Nonzero when an Adobe APP14 marker was present (Adobe CMYK is stored inverted).
    int sawAdobeMarker;
} CImageCodecs_JPEGHeader;

/// Creates a decompressor; NULL when memory is exhausted.
CImageCodecs_JPEG *CImageCodecs_jpeg_create(void);

/// Frees the decompressor and everything libjpeg allocated for it. Accepts NULL.
void CImageCodecs_jpeg_destroy(CImageCodecs_JPEG *jpeg);

/// Reads the markers up to the first scan (jpeg_read_header), keeping APP1 segments.
/// `data` must stay valid and unchanged until the handle is destroyed.
CImageCodecs_Status CImageCodecs_jpeg_read_header(CImageCodecs_JPEG *jpeg, const uint8_t *data,
                                                  size_t size, CImageCodecs_JPEGHeader *header);

/// The `index`-th APP1 segment's payload (after the length field), or NULL when there are fewer.
/// The pointer lives as long as the handle.
const uint8_t *CImageCodecs_jpeg_app1(const CImageCodecs_JPEG *jpeg, size_t index, size_t *size);

/// Decodes all pixels to `output`, row by row, into `pixels` (width * height * output bytes).
/// Call once, after a successful CImageCodecs_jpeg_read_header.
CImageCodecs_Status CImageCodecs_jpeg_read_pixels(CImageCodecs_JPEG *jpeg,
                                                  CImageCodecs_JPEGOutput output,
                                                  uint8_t *pixels, size_t size);

/// The message behind the last status other than ok; empty when there is none.
const char *CImageCodecs_jpeg_message(const CImageCodecs_JPEG *jpeg);

// MARK: - PNG

/// One libpng simplified-API reader (png_image).
typedef struct CImageCodecs_PNG CImageCodecs_PNG;

/// What png_image_begin_read_from_memory found.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// Nonzero for RGB, RGBA and palette images.
    int hasColor;
    /// Nonzero when the image has an alpha channel or a tRNS chunk.
    int hasAlpha;
} CImageCodecs_PNGHeader;

/// Layout the pixels are decoded to; the value is the number of bytes per pixel. Always 8-bit
/// sRGB with straight (not premultiplied) alpha: compositing is left to the caller.
typedef enum {
    CImageCodecs_PNGOutputGrayAlpha = 2,
    CImageCodecs_PNGOutputRGBA = 4,
} CImageCodecs_PNGOutput;

/// Creates a reader; NULL when memory is exhausted.
CImageCodecs_PNG *CImageCodecs_png_create(void);

/// Frees the reader and everything libpng allocated for it (png_image_free). Accepts NULL.
void CImageCodecs_png_destroy(CImageCodecs_PNG *png);

/// Reads the chunks up to the image data. `data` must stay valid and unchanged until the
/// handle is destroyed.
CImageCodecs_Status CImageCodecs_png_read_header(CImageCodecs_PNG *png, const uint8_t *data,
                                                 size_t size, CImageCodecs_PNGHeader *header);

/// Decodes all pixels to `output` into `pixels` (width * height * output bytes). 16-bit samples
/// are taken as sRGB-encoded and scaled to 8 bits. Call once, after a successful read_header.
CImageCodecs_Status CImageCodecs_png_read_pixels(CImageCodecs_PNG *png, CImageCodecs_PNGOutput output,
                                                 uint8_t *pixels, size_t size);

/// The message behind the last status other than ok, or libpng's warning when the last call
/// succeeded with one (see CImageCodecs_png_warned); empty when there is none.
const char *CImageCodecs_png_message(const CImageCodecs_PNG *png);

/// Nonzero when libpng reported a warning so far (e.g. a bad CRC in an ancillary chunk).
int CImageCodecs_png_warned(const CImageCodecs_PNG *png);

#endif
