#ifndef KAN_CREADLINE_SHIM_H
#define KAN_CREADLINE_SHIM_H
/* GNU readline and history (libreadline-dev). readline.h needs stdio first. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#include <time.h>

/* Readline is configured through global variables, which Swift 6 refuses to touch
   as shared mutable state; these setters keep that in C, where it belongs. */
static inline void kan_readline_configure(const char *name, const char *word_breaks,
                                          rl_completion_func_t *completer) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = completer;
}

/* Whether position `point` of the line being edited is inside a KanLang string
   (an odd number of unescaped double quotes before it). */
static inline int kan_readline_inside_string(int point) {
    const char *line = rl_line_buffer;
    int inside = 0;
    for (int i = 0; line && i < point && line[i]; i++) {
        if (inside && line[i] == '\\') { if (line[i + 1]) i++; continue; }
        if (line[i] == '"') inside = !inside;
    }
    return inside;
}

/* Inside a string the whole path is the word to complete (only the quote breaks it),
   so that file-name completion sees `data/ru` and not `ru`. */
static char *kan_readline_word_breaks(void) {
    return kan_readline_inside_string(rl_point) ? (char *)"\"" : NULL;
}

/* Lets readline complete a file name (its default) and close the string after one. */
static inline void kan_readline_complete_file_names(void) {
    rl_completion_append_character = '"';
}

static inline void kan_readline_install_word_break_hook(void) {
    rl_completion_word_break_hook = kan_readline_word_breaks;
}

/* Tells readline not to fall back to file-name completion after ours. */
static inline void kan_readline_completion_is_final(void) {
    rl_attempted_completion_over = 1;
}
/* Adds a history entry with a timestamp, which is what separates entries in the
   history file (a multi-line entry spans several lines of it). */
static inline void kan_history_add(const char *line) {
    char stamp[32];
    add_history(line);
    snprintf(stamp, sizeof stamp, "#%ld", (long)time(NULL));
    add_history_time(stamp);
}

/* Replaces the last `count` history entries (the lines of a multi-line input, added
   one by one as they were typed) with one entry holding the whole block, so that
   up-arrow recalls the block. Entries are numbered from history_base; removal is by
   offset from 0. */
static inline void kan_history_collapse_last(int count, const char *block) {
    for (int i = 0; i < count && history_length > 0; i++) {
        HIST_ENTRY *entry = remove_history(history_length - 1);
        if (entry) free_history_entry(entry);
    }
    kan_history_add(block);
}

/* Saves multi-line entries whole: each entry gets a timestamp line in the history
   file, and reading treats the lines up to the next timestamp as one entry. */
static inline void kan_history_keep_multiline_entries(void) {
    history_write_timestamps = 1;
    history_multiline_entries = 1;
}
#endif
