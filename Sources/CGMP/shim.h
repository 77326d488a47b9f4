#ifndef KAN_CGMP_SHIM_H
#define KAN_CGMP_SHIM_H
/* GMP, the GNU multiple precision arithmetic library (libgmp-dev). */
#include <stdio.h>
#include <gmp.h>
#endif
