#ifndef KAN_CREADLINE_SHIM_H
#define KAN_CREADLINE_SHIM_H
/* GNU readline and history (libreadline-dev). readline.h needs stdio first. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
