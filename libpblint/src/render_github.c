/*
 * GitHub Actions workflow commands, one per diagnostic:
 *
 *   ::warning file=a.txt,line=3,endLine=3,col=5,endColumn=9,title=amounts/fund-total-sum::MESSAGE
 *
 * error -> ::error, warning -> ::warning, note -> ::notice.  Lines are
 * 1-based, columns 1-based code points, endColumn the column after the
 * last character (as in SARIF).  A diagnostic's notes follow its message
 * on lines of their own ("note: PATH:LINE:COL: MESSAGE").
 *
 * Escaping, as the runner's command parser (toolkit/core) undoes it: in
 * the message, % CR LF become %25 %0D %0A; in property values also
 * : and , become %3A and %2C.
 */
#include "render_out.h"

#include <stdio.h>

/* Writes s escaped; invalid UTF-8 is written as U+FFFD, so that the output
 * is always valid UTF-8. */
static void put_escaped(FILE *out, const char *s, bool property)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '%')
            fputs("%25", out);
        else if (c == '\r')
            fputs("%0D", out);
        else if (c == '\n')
            fputs("%0A", out);
        else if (c == ':' && property)
            fputs("%3A", out);
        else if (c == ',' && property)
            fputs("%2C", out);
        else if ((unsigned char)c < 0x80)
            putc(c, out);
        else {
            size_t l = pb_utf8_valid_len((const unsigned char *)s + i, n - i);
            if (l == 0) {
                fputs("\xef\xbf\xbd", out);
                l = pb_utf8_bad_len((const unsigned char *)s + i, n - i);
            } else {
                fwrite(s + i, 1, l, out);
            }
            i += l;
            continue;
        }
        i++;
    }
}

static const char *command_word(int sev)
{
    if (sev >= PBLINT_SEV_ERROR)
        return "error";
    if (sev == PBLINT_SEV_WARNING)
        return "warning";
    return "notice";
}

int pblint_render_github(const pblint_result *res, const pblint_output_options *opts, FILE *out)
{
    static const pblint_output_options defaults = PBLINT_OUTPUT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (!res || !res->doc || !out || !pb_out_options_ok(opts))
        return PBLINT_EINVAL;
    const pb_source *src = &res->doc->src;
    const char *path = src->name ? src->name : "<input>";
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!pb_out_shown(d, opts))
            continue;
        pb_pos a, b;
        pb_out_pos(src, d->span.start, false, &a);
        pb_out_pos(src, d->span.end, false, &b);
        if (b.line < a.line || (b.line == a.line && b.column < a.column))
            b = a;
        fprintf(out, "::%s file=", command_word(d->severity));
        put_escaped(out, path, true);
        fprintf(out, ",line=%u,endLine=%u,col=%u,endColumn=%u,title=", a.line, b.line, a.column,
                b.column);
        put_escaped(out, d->rule, true);
        fputs("::", out);
        put_escaped(out, d->message, false);
        for (size_t k = 0; k < d->nnotes; k++) {
            pb_pos p;
            pb_out_pos(src, d->notes[k].span.start, false, &p);
            fputs("%0Anote: ", out);
            put_escaped(out, path, false);
            fprintf(out, ":%u:%u: ", p.line, p.column);
            put_escaped(out, d->notes[k].message, false);
        }
        putc('\n', out);
    }
    return ferror(out) ? PBLINT_EIO : 0;
}
