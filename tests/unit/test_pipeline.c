/*
 * Unit tests for pipelined linting (pblint_lint_start / _finish): results
 * come back in the order started, each with the rule state in force when
 * it started, both with the isolation worker and in-process; the queue's
 * limits and misuse are refused with a sentence.  The reader's own rules
 * are enough: parse/unrecognised-document is found by the worker (it comes
 * from the model), parse/invalid-utf8 by the host (from the decoder).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static char dir[] = "/tmp/pblint-pipeline-XXXXXX";
static char path_a[128], path_b[128], path_c[128];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path_a, sizeof path_a, "%s/a.txt", dir);
    snprintf(path_b, sizeof path_b, "%s/b.txt", dir);
    snprintf(path_c, sizeof path_c, "%s/c.txt", dir);
    put(path_a, "hello\n");                     /* unrecognised */
    put(path_b, "hello\xff world\nagain\n");    /* unrecognised, invalid UTF-8 */
    put(path_c, "");                            /* empty */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path_a);
    unlink(path_b);
    unlink(path_c);
    rmdir(dir);
    return 0;
}

/* "rule@line" for each finding, in order, joined by spaces */
static void summary(const pblint_result *res, char *out, size_t n)
{
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < pblint_result_diag_count(res); i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        unsigned line = 0, col = 0;
        pblint_doc_position(pblint_result_doc(res), pblint_diag_span(d).start, PBLINT_COLUMN_BYTE,
                            &line, &col);
        len += (size_t)snprintf(out + len, n - len, "%s%s@%u", len ? " " : "", pblint_diag_rule(d),
                                line);
    }
}

static void expect(pblint_ctx *ctx, const char *path, const char *want)
{
    pblint_result *res = NULL;
    assert_int_equal(pblint_lint_finish(ctx, &res), 0);
    assert_non_null(res);
    assert_string_equal(pblint_doc_name(pblint_result_doc(res)), path);
    char got[512];
    summary(res, got, sizeof got);
    assert_string_equal(got, want);
    pblint_result_free(res);
}

static void run_queue(bool isolate)
{
    pblint_ctx *ctx = pblint_ctx_new();
    assert_non_null(ctx);
    pblint_ctx_set_isolation(ctx, isolate, 10000);
    assert_int_equal(pblint_lint_pending(ctx), 0);

    assert_int_equal(pblint_lint_start(ctx, path_a), 0);
    /* the next file is configured while the first is in flight */
    assert_int_equal(pblint_ctx_set_severity(ctx, "parse/unrecognised-document", PBLINT_SEV_OFF),
                     0);
    assert_int_equal(pblint_lint_start(ctx, path_b), 0);
    assert_int_equal(pblint_lint_pending(ctx), 2);

    /* the queue is full, and the one-shot calls wait their turn */
    assert_int_equal(pblint_lint_start(ctx, path_c), PBLINT_EINVAL);
    assert_non_null(strstr(pblint_ctx_error(ctx), "c.txt: 2 files are started already"));
    pblint_result *res = NULL;
    assert_int_equal(pblint_lint(ctx, "x.txt", "x", 1, &res), PBLINT_EINVAL);
    assert_null(res);
    assert_non_null(strstr(pblint_ctx_error(ctx), "are not finished"));
    assert_int_equal(pblint_lint_pending(ctx), 2);

    /* a file that cannot be read is refused at start and queues nothing */
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.txt", dir);
    pblint_lint_finish(ctx, &res); /* make room: a's result, checked below */
    assert_non_null(res);
    char got[512];
    summary(res, got, sizeof got);
    assert_string_equal(got, "parse/unrecognised-document@1");
    assert_string_equal(pblint_doc_name(pblint_result_doc(res)), path_a);
    /* the model of an isolated result is built when asked for */
    assert_int_equal(pblint_doc_kind(pblint_result_doc(res)), PBLINT_DOC_UNKNOWN);
    assert_int_equal(pblint_doc_table_count(pblint_result_doc(res)), 0);
    pblint_result_free(res);
    assert_int_equal(pblint_lint_start(ctx, missing), PBLINT_EIO);
    assert_non_null(strstr(pblint_ctx_error(ctx), "missing.txt: cannot open"));
    assert_int_equal(pblint_lint_pending(ctx), 1);

    /* back on for c; b keeps the state it started with (no unrecognised) */
    assert_int_equal(
        pblint_ctx_set_severity(ctx, "parse/unrecognised-document", PBLINT_SEV_WARNING), 0);
    assert_int_equal(pblint_lint_start(ctx, path_c), 0);
    expect(ctx, path_b, "parse/invalid-utf8@1");
    expect(ctx, path_c, "parse/unrecognised-document@1");
    assert_int_equal(pblint_lint_pending(ctx), 0);
    assert_int_equal(pblint_lint_finish(ctx, &res), PBLINT_EINVAL);
    assert_null(res);

    /* and the one-shot call works again */
    assert_int_equal(pblint_lint(ctx, "y.txt", "hello\n", 6, &res), 0);
    summary(res, got, sizeof got);
    assert_string_equal(got, "parse/unrecognised-document@1");
    pblint_result_free(res);

    /* files left in flight are freed with the context */
    assert_int_equal(pblint_lint_start(ctx, path_a), 0);
    assert_int_equal(pblint_lint_start(ctx, path_b), 0);
    pblint_ctx_free(ctx);
}

static void test_queue_isolated(void **state)
{
    (void)state;
    run_queue(true);
}

static void test_queue_in_process(void **state)
{
    (void)state;
    run_queue(false);
}

/* The worker dies between two files: the next request finds its pipe
 * broken.  SIGPIPE must not kill the process (the handler is left as it
 * is: the default, which would), and the file goes to a new worker with
 * the rule state it started with, sent whole, though the dead worker had
 * been sent that very state. */
static void test_worker_gone_between_files(void **state)
{
    (void)state;
    pblint_ctx *ctx = pblint_ctx_new();
    assert_non_null(ctx);
    pblint_ctx_set_isolation(ctx, true, 10000);
    assert_int_equal(pblint_ctx_set_severity(ctx, "parse/unrecognised-document", PBLINT_SEV_OFF),
                     0);
    assert_int_equal(pblint_lint_start(ctx, path_a), 0);
    expect(ctx, path_a, "");
    pid_t pid = ctx->worker_pid;
    assert_true(pid > 0);
    assert_int_equal(kill(pid, SIGKILL), 0);
    siginfo_t si;
    assert_int_equal(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0); /* dead, not reaped */

    assert_int_equal(pblint_lint_start(ctx, path_b), 0);
    assert_true(ctx->worker_pid != pid); /* the write failed, the worker was let go */
    /* a change after b started, which a new worker forked now would have */
    assert_int_equal(
        pblint_ctx_set_severity(ctx, "parse/unrecognised-document", PBLINT_SEV_WARNING), 0);
    expect(ctx, path_b, "parse/invalid-utf8@1");
    assert_int_equal(pblint_lint_start(ctx, path_a), 0);
    expect(ctx, path_a, "parse/unrecognised-document@1");
    pblint_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_isolated),
        cmocka_unit_test(test_queue_in_process),
        cmocka_unit_test(test_worker_gone_between_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
