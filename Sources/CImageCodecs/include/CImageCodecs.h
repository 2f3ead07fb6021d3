#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
// Placeholder: replaced by the decoding work (libjpeg/libpng decode with setjmp error recovery).
int CImageCodecs_version(void);
#endif
