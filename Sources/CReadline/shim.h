#ifndef KAN_CREADLINE_SHIM_H
#define KAN_CREADLINE_SHIM_H
/* GNU readline and history (libreadline-dev). readline.h needs stdio first. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Readline is configured through global variables, which Swift 6 refuses to touch
   as shared mutable state; these setters keep that in C, where it belongs. */
static inline void kan_readline_configure(const char *name, const char *word_breaks,
                                          rl_completion_func_t *completer) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = completer;
}

/* Tells readline not to fall back to file-name completion after ours. */
static inline void kan_readline_completion_is_final(void) {
    rl_attempted_completion_over = 1;
}
#endif
