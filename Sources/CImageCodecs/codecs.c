#include "CImageCodecs.h"
int CImageCodecs_version(void) { return 1; }
